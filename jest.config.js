/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'jsdom',
  roots: ['<rootDir>/src', '<rootDir>/__mocks__'],
  testRegex: '\\.test\\.(ts|tsx)$',
  testPathIgnorePatterns: ['/node_modules/', '/integration-tests/', '/preview/'],
  transform: {
    '^.+\\.(t|j)sx?$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', tsx: true },
          transform: { react: { runtime: 'automatic' } },
          target: 'es2021',
        },
        module: { type: 'commonjs', noInterop: false },
      },
    ],
  },
  // @kubernetes-models/* and two of their dependencies ship ESM only; swc turns them into CommonJS.
  transformIgnorePatterns: [
    '/node_modules/(?!(@kubernetes-models|kubernetes-models|is-cidr|cidr-regex)/)',
  ],
  resolver: '<rootDir>/test-support/jest-resolver.js',
  moduleNameMapper: {
    '\\.(css|less|scss)$': '<rootDir>/test-support/styleMock.js',
  },
  setupFilesAfterEnv: ['<rootDir>/setup-tests.ts'],
  clearMocks: true,
};
