import { defineConfig } from '@playwright/test';

// Browser tests drive the built plugin inside the preview console (preview/); `npm test`
// builds both before running them. One worker: the machine has two cores and each test file
// starts its own preview server.
export default defineConfig({
  testDir: './integration-tests',
  testMatch: /.*\.spec\.ts$/,
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json', { outputFile: '.cache/playwright-results.json' }]],
  outputDir: '.cache/playwright-output',
  // Console convention: elements carry data-test attributes.
  use: { trace: 'retain-on-failure', screenshot: 'only-on-failure', testIdAttribute: 'data-test' },
});
