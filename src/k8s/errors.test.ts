import { errorMessage, isApiAbsent, isForbidden } from './errors';

describe('error classification', () => {
  it('treats the SDK’s unknown-model error and a 404 as "API not installed"', () => {
    expect(isApiAbsent(new Error('Model does not exist'))).toBe(true);
    expect(isApiAbsent({ message: 'Not Found', code: 404 })).toBe(true);
    expect(isApiAbsent({ message: 'forbidden', code: 403 })).toBe(false);
    expect(isApiAbsent(undefined)).toBe(false);
  });

  it('recognises a forbidden list', () => {
    expect(isForbidden({ code: 403 })).toBe(true);
    expect(isForbidden({ response: { status: 403 } })).toBe(true);
    expect(isForbidden({ code: 500 })).toBe(false);
  });

  it('prefers the API server’s message', () => {
    expect(
      errorMessage({ message: 'Forbidden', json: { message: 'istios is forbidden: User "dev"' } }),
    ).toBe('istios is forbidden: User "dev"');
    expect(errorMessage(new Error('boom'))).toBe('boom');
  });
});
