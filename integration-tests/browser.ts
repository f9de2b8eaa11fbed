// The browser tests' Chromium: the same launch options as the bench (scripts/chromium.js).
import type { LaunchOptions } from 'playwright-core';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const shared = require('../scripts/chromium') as {
  chromiumLaunchOptions: () => Promise<LaunchOptions>;
};

export const chromiumLaunchOptions = shared.chromiumLaunchOptions;
