import { defineConfig } from '@playwright/test';
import type { HostName } from './integration-tests/fixtures';

// Browser tests drive the built plugin inside the preview console (preview/); `npm test`
// builds both before running them. One worker: the machine has two cores and each test file
// starts its own preview server.
export default defineConfig<{ host: HostName }>({
  testDir: './integration-tests',
  testMatch: /.*\.spec\.ts$/,
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [
    ['list'],
    [
      'json',
      { outputFile: process.env.MESH_PLAYWRIGHT_RESULTS ?? '.cache/playwright-results.json' },
    ],
  ],
  outputDir: '.cache/playwright-output',
  // Console convention: elements carry data-test attributes.
  use: { trace: 'retain-on-failure', screenshot: 'only-on-failure', testIdAttribute: 'data-test' },
  // The same suite in both hosts: ours (fast, needs nothing) and the real console 4.22 frontend
  // (needs its build, see README). scripts/test.js decides which run and says why.
  projects: [
    { name: 'preview', use: { host: 'preview' } },
    { name: 'console', use: { host: 'console' } },
  ],
});
