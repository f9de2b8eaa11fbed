// ESLint 9 flat config. Beyond style, it enforces two product rules: the console's shared
// modules are imported only the way the console provides them, and imports flow one way
// (features -> components/k8s/mesh/models; k8s -> mesh/models; mesh -> models).
import js from '@eslint/js';
import importX, { createNodeResolver } from 'eslint-plugin-import-x';
import react from 'eslint-plugin-react';
import reactHooks from 'eslint-plugin-react-hooks';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const FEATURES = ['install', 'traffic', 'security', 'observability', 'overview', 'config'];

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'node_modules/',
      'coverage/',
      '.cache/',
      'test-results/',
      'playwright-report/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    plugins: { react, 'react-hooks': reactHooks, 'import-x': importX },
    languageOptions: { globals: { ...globals.browser } },
    settings: {
      react: { version: '18.3' },
      'import-x/resolver-next': [
        createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.jsx', '.json'] }),
      ],
    },
    rules: {
      ...react.configs.recommended.rules,
      ...react.configs['jsx-runtime'].rules,
      'react/prop-types': 'off',
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'import-x/order': [
        'error',
        {
          groups: ['builtin', 'external', 'internal', 'parent', 'sibling', 'index'],
          alphabetize: { order: 'asc', caseInsensitive: true },
        },
      ],
      'import-x/no-duplicates': 'off',
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            {
              target: './src/mesh',
              from: ['./src/k8s', './src/components', ...FEATURES.map((f) => `./src/${f}`)],
              message: 'mesh/ is pure: it may import only models/.',
            },
            {
              target: './src/models',
              from: [
                './src/mesh',
                './src/k8s',
                './src/components',
                ...FEATURES.map((f) => `./src/${f}`),
              ],
              message: 'models/ imports nothing of ours.',
            },
            {
              target: './src/k8s',
              from: ['./src/components', ...FEATURES.map((f) => `./src/${f}`)],
              message: 'k8s/ may import only mesh/ and models/.',
            },
            {
              target: './src/components',
              from: FEATURES.map((f) => `./src/${f}`),
              message: 'Nothing imports a feature.',
            },
            {
              target: './preview',
              from: './src',
              message:
                'preview/ loads the built plugin, as the console does; it never imports src/.',
            },
            ...FEATURES.map((f) => ({
              target: FEATURES.filter((o) => o !== f).map((o) => `./src/${o}`),
              from: `./src/${f}`,
              message: 'Features do not import each other.',
            })),
          ],
        },
      ],
    },
  },
  {
    // Plugin code imports the console's shared modules only the way console 4.22 provides them.
    files: ['src/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'react-router-dom',
              message: 'Import routing from react-router (console 4.22 shares v7).',
            },
            { name: 'react-router-dom-v5-compat', message: 'Import routing from react-router.' },
            {
              name: '@openshift-console/dynamic-plugin-sdk-internal',
              message: 'Not published for 4.22; use the SDK index.',
            },
          ],
          patterns: [
            {
              group: ['@openshift-console/dynamic-plugin-sdk/lib/*'],
              message: 'Removed in 4.22: import from the package index.',
            },
            {
              group: ['@patternfly/react-core/dist/*', '@patternfly/*/deprecated'],
              message:
                'Import PatternFly from the package index; the build rewrites it to shared dynamic modules.',
            },
          ],
        },
      ],
    },
  },
  {
    // mesh/ is pure domain logic: no React, no SDK, no I/O.
    files: ['src/mesh/**/*.ts'],
    ignores: ['src/mesh/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['react', 'react-*', '@openshift-console/*', '@patternfly/*'],
              message: 'mesh/ is pure: no React, SDK or UI.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/**/*.test.{ts,tsx}', 'src/testing/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "ImportDeclaration[source.value='react-dom']",
          message: 'react-dom is not shared by the console; do not import it in plugin code.',
        },
      ],
    },
  },
  {
    files: ['**/*.test.{ts,tsx,js}', '__mocks__/**', 'setup-tests.ts'],
    languageOptions: { globals: { ...globals.jest } },
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  {
    files: ['**/*.{js,cjs,mjs}'],
    languageOptions: { globals: { ...globals.node }, sourceType: 'commonjs' },
    rules: {
      '@typescript-eslint/no-require-imports': 'off',
      // `const crypto = require('crypto')` is the Node idiom, not a redeclared global.
      'no-redeclare': ['error', { builtinGlobals: false }],
    },
  },
  {
    // Playwright fixtures: `use` is not a React hook, and `async ({}, use)` is its idiom.
    files: ['integration-tests/**/*.ts'],
    languageOptions: { globals: { ...globals.node } },
    rules: { 'react-hooks/rules-of-hooks': 'off', 'no-empty-pattern': 'off' },
  },
  {
    files: ['**/*.mjs'],
    languageOptions: { sourceType: 'module' },
  },
  prettier,
);
