#!/usr/bin/env node
'use strict';
// The modules console 4.22 puts in the webpack share scope, read from a console build: its
// runtime bundle registers each as register("<module>", "<version>", factory, eager). The list is
// committed (preview/host/console-shared-modules.json) so that the preview host shares exactly
// these without the console build, and check-dist can refuse a plugin that consumes a module the
// console does not provide (its fallback copy would load, PatternFly's Slider with a second
// react-dom). `node scripts/consoleSharedModules.js --write [--console-dist DIR]` refreshes it.
const fs = require('fs');
const path = require('path');

const root = path.join(__dirname, '..');
const COMMITTED = path.join(root, 'preview', 'host', 'console-shared-modules.json');
const DEFAULT_CONSOLE_DIST = path.resolve(root, '..', 'shared', 'real-console-4.22', 'dist');

// register("name","version",()=>(()=>require(id)),1): the minified provide call of webpack's
// sharing runtime, as the console build emits it.
const PROVIDE = /[\w$]\("([^"]+)","([^"]+)",\(\)=>\(\(\)=>[\w$]\(\d+\)\),1\)/g;

/** {module: [versions]} the console build at `dist` provides, or null without a build. */
const readConsoleShares = (dist = DEFAULT_CONSOLE_DIST) => {
  if (!fs.existsSync(path.join(dist, 'index.html'))) return null;
  const runtime = fs.readdirSync(dist).filter((f) => /^runtime-bundle-.*\.js$/.test(f));
  if (runtime.length !== 1) throw new Error(`expected one runtime bundle in ${dist}`);
  const text = fs.readFileSync(path.join(dist, runtime[0]), 'utf8');
  const modules = {};
  for (const [, name, version] of text.matchAll(PROVIDE)) {
    modules[name] = [...new Set([...(modules[name] ?? []), version])].sort();
  }
  if (Object.keys(modules).length < 10) {
    throw new Error(`the share-scope registrations in ${runtime[0]} were not recognised`);
  }
  return Object.fromEntries(Object.entries(modules).sort(([a], [b]) => a.localeCompare(b)));
};

const readCommitted = () => JSON.parse(fs.readFileSync(COMMITTED, 'utf8'));

module.exports = { readConsoleShares, readCommitted, COMMITTED, DEFAULT_CONSOLE_DIST };

if (require.main === module) {
  const args = process.argv.slice(2);
  const i = args.indexOf('--console-dist');
  const dist = i >= 0 ? path.resolve(args[i + 1]) : DEFAULT_CONSOLE_DIST;
  const modules = readConsoleShares(dist);
  if (!modules) {
    console.error(`No console build at ${dist}`);
    process.exit(1);
  }
  const doc = {
    source: 'openshift/console release-4.22, frontend/public/dist runtime bundle',
    modules,
  };
  if (args.includes('--write')) {
    fs.writeFileSync(COMMITTED, `${JSON.stringify(doc, null, 2)}\n`);
    console.log(
      `wrote ${Object.keys(modules).length} modules to ${path.relative(root, COMMITTED)}`,
    );
  } else {
    console.log(JSON.stringify(doc, null, 2));
  }
}
