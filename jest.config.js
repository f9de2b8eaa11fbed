// Two projects: the plugin's code runs in jsdom with the SDK mocked at the module boundary;
// the preview server, stand-in cluster and chart checks run in Node against real processes.
const fs = require('fs');
const path = require('path');

const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', tsx: true },
      transform: { react: { runtime: 'automatic' } },
      target: 'es2021',
    },
    module: { type: 'commonjs' },
  },
];

const shared = {
  testRegex: '\\.test\\.(ts|tsx|js)$',
  testPathIgnorePatterns: ['/node_modules/', '/integration-tests/'],
  transform: { '^.+\\.(t|j)sx?$': swc },
  // @kubernetes-models/* and two of their dependencies ship ESM only; swc turns them into CommonJS.
  transformIgnorePatterns: [
    '/node_modules/(?!(@kubernetes-models|kubernetes-models|is-cidr|cidr-regex)/)',
  ],
  resolver: '<rootDir>/test-support/jest-resolver.js',
  clearMocks: true,
};

const existing = (dirs) => dirs.filter((d) => fs.existsSync(path.join(__dirname, d)));

/** @type {import('jest').Config} */
module.exports = {
  projects: [
    {
      ...shared,
      displayName: 'plugin',
      testEnvironment: 'jsdom',
      roots: ['<rootDir>/src', '<rootDir>/__mocks__'],
      moduleNameMapper: {
        '\\.(css|less|scss)$': '<rootDir>/test-support/styleMock.js',
        // @patternfly/react-topology's CommonJS build requires react-icons' ESM files.
        '^@patternfly/react-icons/dist/esm/(.*)$': '@patternfly/react-icons/dist/js/$1',
        // ...and d3 7 modules, which are ESM only; d3's UMD bundle holds them all.
        '^d3(-polygon)?$': '<rootDir>/node_modules/d3/dist/d3.js',
      },
      setupFilesAfterEnv: ['<rootDir>/setup-tests.ts'],
    },
    {
      ...shared,
      displayName: 'node',
      testEnvironment: 'node',
      // Folders appear as the preview and the chart land; Jest rejects a missing root.
      roots: existing(['preview', 'charts', 'scripts', 'conformance']).map((d) => `<rootDir>/${d}`),
    },
  ],
};
