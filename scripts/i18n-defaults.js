#!/usr/bin/env node
// Keys are the English text. i18next-parser leaves plural and context variants empty; fill
// each with its key so the English catalogue never shows a blank string.
const fs = require('fs');
const path = require('path');

const dir = path.join(__dirname, '..', 'locales', 'en');
for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.json'))) {
  const full = path.join(dir, file);
  const catalogue = JSON.parse(fs.readFileSync(full, 'utf8'));
  for (const [key, value] of Object.entries(catalogue)) {
    if (value === '') catalogue[key] = key.replace(/_(zero|one|two|few|many|other)$/, '');
  }
  fs.writeFileSync(full, `${JSON.stringify(catalogue, null, 2)}\n`);
}
