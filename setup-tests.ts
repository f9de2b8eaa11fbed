import '@testing-library/jest-dom';
import { TextDecoder, TextEncoder } from 'util';
import { configure } from '@testing-library/react';

// react-router 7 needs TextEncoder, which jsdom does not provide (browsers and the console do).
Object.assign(globalThis, { TextEncoder, TextDecoder });

// Console convention: elements are selected by data-test attributes.
configure({ testIdAttribute: 'data-test' });

// React and PatternFly report misuse (unknown DOM props, missing keys, act() problems) through
// console.error; a test that triggers one fails, so such warnings never accumulate.
let consoleErrors: unknown[][] = [];
beforeEach(() => {
  consoleErrors = [];
  jest.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
    consoleErrors.push(args);
  });
});
afterEach(() => {
  (console.error as jest.Mock).mockRestore();
  if (consoleErrors.length > 0) {
    throw new Error(
      `console.error was called:\n${consoleErrors.map((a) => a.map(String).join(' ')).join('\n')}`,
    );
  }
});

// Browsers (and Node) have structuredClone; jsdom does not. Node's serializer is the same
// structured-clone algorithm.
if (typeof globalThis.structuredClone !== 'function') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const v8 = require('v8') as typeof import('v8');
  globalThis.structuredClone = <T>(value: T): T => v8.deserialize(v8.serialize(value)) as T;
}
