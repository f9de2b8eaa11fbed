import type { Issue } from '../../mesh/issues';
import { SECURITY_ISSUE_CODES } from '../../mesh/security/issueCodes';
import { securityIssueText, securityIssueWords } from './securityIssueWords';

// Interpolation names i18next reads as its own options, or our extractor skips.
const RESERVED = ['ns', 'lng', 'lngs', 'context', 'defaultValue', 'replace', 'keyPrefix', 'key'];

describe('securityIssueWords', () => {
  const keys: string[] = [];
  const t = (key: string) => {
    keys.push(key);
    return key;
  };

  it.each(SECURITY_ISSUE_CODES)('has words for %s', (code) => {
    const text = securityIssueWords(t, code, {});
    expect(typeof text).toBe('string');
    expect(text).not.toBe('');
  });

  it('lists each code once, under a security prefix', () => {
    expect(new Set(SECURITY_ISSUE_CODES).size).toBe(SECURITY_ISSUE_CODES.length);
    for (const code of SECURITY_ISSUE_CODES) {
      expect(code).toMatch(/^(security|mtls|authz|jwt)\.[a-z0-9]+(-[a-z0-9]+)*$/);
    }
  });

  it('interpolates no name i18next or the extractor would misread', () => {
    keys.length = 0;
    SECURITY_ISSUE_CODES.forEach((code) => securityIssueWords(t, code, {}));
    const names = keys.flatMap((k) => [...k.matchAll(/{{\s*(\w+)\s*}}/g)].map((m) => m[1]));
    expect(names.filter((n) => RESERVED.includes(n))).toEqual([]);
  });

  it('knows no other domain’s codes', () => {
    expect(securityIssueWords(t, 'split.weights-sum', {})).toBeUndefined();
  });

  it('reads as before through issueText, parameters in place', () => {
    const interpolate = (key: string, values?: Record<string, string | number>) =>
      key.replace(/{{\s*(\w+)\s*}}/g, (_, name: string) => String(values?.[name] ?? ''));
    const at = (code: string, params?: Issue['params']): Issue => ({
      path: [],
      code,
      severity: 'error',
      ...(params ? { params } : {}),
    });
    expect(securityIssueText(interpolate, at('jwt.jwks-uri-not-https', { uri: 'http://k' }))).toBe(
      'The JWKS URI must use https; "http://k" does not.',
    );
    expect(
      securityIssueText(
        interpolate,
        at('security.port-invalid', { port: '0', min: 1, max: 65535 }),
      ),
    ).toBe('"0" is not a port number between 1 and 65535.');
    expect(securityIssueText(interpolate, at('authz.rules-required', { action: 'DENY' }))).toBe(
      'A DENY policy needs rules; to match every request use one empty rule ({}).',
    );
    expect(
      securityIssueText(
        interpolate,
        at('authz.method-lowercase', { method: 'get', uppercase: 'GET' }),
      ),
    ).toBe('Method "get" must be uppercase, e.g. "GET".');
    expect(
      securityIssueText(
        interpolate,
        at('authz.custom-identity-condition', { condition: 'request.auth.claims[iss]' }),
      ),
    ).toBe(
      'A CUSTOM policy cannot use the condition "request.auth.claims[iss]": it depends on identities checked later.',
    );
    expect(
      securityIssueText(
        interpolate,
        at('security.selector-label-value-too-long', { label: 'app', max: 63 }),
      ),
    ).toBe('Label value for "app" is longer than 63 characters.');
    expect(
      securityIssueText(
        interpolate,
        at('authz.l7-on-ztunnel', { policy: 'reviews-get', fields: 'methods, paths' }),
      ),
    ).toBe(
      'Policy reviews-get uses methods, paths, which ztunnel cannot check: bound by a selector in an ambient namespace it is enforced as a DENY, so the calls it should allow are refused. Attach it to a waypoint with targetRefs (Service or waypoint Gateway) instead.',
    );
    expect(
      securityIssueText(
        interpolate,
        at('authz.waypoint-required', { services: 'reviews', waypoint: 'waypoint' }),
      ),
    ).toBe(
      'This policy must be enforced by a waypoint, and Service reviews uses none: choose to set up waypoint waypoint, or allow callers by identity or namespace only.',
    );
  });
});
