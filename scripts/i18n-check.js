#!/usr/bin/env node
// Fails when locales/ is not what `npm run i18n` would generate from the current code, so a
// user-visible string can't ship without its catalogue entry. It regenerates into place and
// compares with the previous content, then restores it.
const { execSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const root = path.join(__dirname, '..');
const dir = path.join(root, 'locales', 'en');
const read = () =>
  Object.fromEntries(
    fs.existsSync(dir)
      ? fs.readdirSync(dir).map((f) => [f, fs.readFileSync(path.join(dir, f), 'utf8')])
      : [],
  );

// i18next reads these names from t()'s options as its own settings, not as values: `t('in
// {{ns}}', {ns})` looks the key up in namespace "<value>" (a missing key, logged as an error by
// the console) instead of interpolating it.
const RESERVED = ['ns', 'lng', 'lngs', 'context', 'defaultValue', 'replace', 'keyPrefix'];
const misnamed = Object.values(read()).flatMap((text) =>
  Object.keys(JSON.parse(text)).filter((k) => RESERVED.some((name) => k.includes(`{{${name}}}`))),
);
if (misnamed.length) {
  misnamed.forEach((k) =>
    console.error(`i18n: ${JSON.stringify(k)} interpolates a name i18next reserves`),
  );
  console.error(`Rename the value (e.g. {{namespace}}); reserved: ${RESERVED.join(', ')}.`);
  process.exit(1);
}

const before = read();
execSync('npm run --silent i18n', { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
const after = read();

const changed = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter(
  (f) => before[f] !== after[f],
);
if (changed.length === 0) {
  console.log('i18n: locales are up to date');
  process.exit(0);
}
for (const f of changed) {
  const was = new Set(Object.keys(JSON.parse(before[f] ?? '{}')));
  const now = new Set(Object.keys(JSON.parse(after[f] ?? '{}')));
  const added = [...now].filter((k) => !was.has(k));
  const removed = [...was].filter((k) => !now.has(k));
  console.error(`i18n: locales/en/${f} is stale.`);
  for (const k of added) console.error(`  missing: ${JSON.stringify(k)}`);
  for (const k of removed) console.error(`  unused:  ${JSON.stringify(k)}`);
  if (!added.length && !removed.length) console.error('  (values or order differ)');
  // Put the committed file back so the check itself changes nothing.
  if (before[f] === undefined) fs.rmSync(path.join(dir, f));
  else fs.writeFileSync(path.join(dir, f), before[f]);
}
console.error('Run `npm run i18n` and commit locales/.');
process.exit(1);
