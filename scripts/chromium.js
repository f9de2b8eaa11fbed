'use strict';
// Chromium for the browser tests and the bench, installed by npm (no download at test time): the
// @sparticuz/chromium package ships a headless Chromium that works here with playwright-core.
// MESH_CHROMIUM_PATH may point at another Chromium (e.g. Debian's /usr/bin/chromium).

// Not the package's own flag set: it disables web security, which would hide CSP behaviour.
const ARGS = [
  '--no-sandbox',
  '--disable-setuid-sandbox',
  '--no-zygote',
  '--disable-gpu',
  '--use-gl=angle',
  '--use-angle=swiftshader',
  '--disable-dev-shm-usage',
  '--no-first-run',
  '--no-default-browser-check',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-domain-reliability',
  '--no-pings',
];

/** Playwright launch options: the executable and our flags. */
const chromiumLaunchOptions = async () => {
  const override = process.env.MESH_CHROMIUM_PATH;
  if (override) return { executablePath: override, args: ARGS, headless: true };
  const { default: chromium } = await import('@sparticuz/chromium');
  return { executablePath: await chromium.executablePath(), args: ARGS, headless: true };
};

module.exports = { chromiumLaunchOptions };
