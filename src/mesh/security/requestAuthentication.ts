/**
 * RequestAuthentication: which end-user JWTs a namespace or workload accepts. It only rejects
 * invalid tokens; requiring a token at all is an AuthorizationPolicy with requestPrincipals.
 */
import { RequestAuthenticationModel, apiVersionOf, atVersion } from '../../models';
import type { JWTRule, RequestAuthentication } from '../../models';
import type { Issue, IssuePath } from '../issues';
import { clone, isHeaderName } from '../primitives';
import { securityIssue, securityWarning } from './issueCodes';
import type { SecurityApiVersion } from './mtls';
import { sameLabels, validateSelector } from './selector';

/** The JWT rule fields the form owns; the rest of a rule (jwks, cookies, output header…) is kept. */
export type JwtRuleInput = {
  issuer: string;
  jwksUri?: string;
  audiences?: string[];
  fromHeaders?: { name: string; prefix?: string }[];
  fromParams?: string[];
};

const OWNED: (keyof JwtRuleInput)[] = [
  'issuer',
  'jwksUri',
  'audiences',
  'fromHeaders',
  'fromParams',
];

/** Copies the owned fields onto `base`; an empty or missing optional field is removed. */
const applyRule = (base: JWTRule, input: JwtRuleInput): JWTRule => {
  const rule: JWTRule = { ...base, issuer: input.issuer };
  for (const key of OWNED) {
    if (key === 'issuer') continue;
    const value = input[key];
    const empty = value === undefined || value === '' || (Array.isArray(value) && !value.length);
    if (empty) delete rule[key];
    else Object.assign(rule, { [key]: clone(value) });
  }
  return rule;
};

/** A new RequestAuthentication; without matchLabels it covers the whole namespace. */
export const buildRequestAuthentication = (
  input: {
    namespace: string;
    name: string;
    matchLabels?: Record<string, string>;
    rule: JwtRuleInput;
  },
  version: SecurityApiVersion,
): RequestAuthentication => ({
  apiVersion: apiVersionOf(atVersion(RequestAuthenticationModel, version)),
  kind: RequestAuthenticationModel.kind,
  metadata: { name: input.name, namespace: input.namespace },
  spec: {
    ...(input.matchLabels && Object.keys(input.matchLabels).length
      ? { selector: { matchLabels: { ...input.matchLabels } } }
      : {}),
    jwtRules: [applyRule({ issuer: input.rule.issuer }, input.rule)],
  },
});

/**
 * Edits the JWT rule for `previousIssuer` (default: the input's issuer) in place, or appends a new
 * rule when there is none. Other rules, the selector and metadata are kept.
 */
export const setJwtRule = (
  ra: RequestAuthentication,
  input: JwtRuleInput,
  previousIssuer: string = input.issuer,
): RequestAuthentication => {
  const next = clone(ra);
  const rules = [...(next.spec?.jwtRules ?? [])];
  const index = rules.findIndex((r) => r.issuer === previousIssuer);
  if (index >= 0) rules[index] = applyRule(rules[index], input);
  else rules.push(applyRule({ issuer: input.issuer }, input));
  next.spec = { ...next.spec, jwtRules: rules };
  return next;
};

/**
 * The RequestAuthentication the JWT form edits: the one in `namespace` whose selector is exactly
 * `matchLabels` (no labels: the namespace-wide one).
 */
export const findRequestAuthentication = (
  ras: RequestAuthentication[],
  namespace: string,
  matchLabels: Record<string, string>,
): RequestAuthentication | undefined =>
  ras.find(
    (ra) =>
      ra.metadata?.namespace === namespace &&
      sameLabels(ra.spec?.selector?.matchLabels, matchLabels),
  );

/** Removes the rule for an issuer; a RequestAuthentication without rules accepts any token. */
export const removeJwtRule = (ra: RequestAuthentication, issuer: string): RequestAuthentication => {
  const next = clone(ra);
  const rules = (next.spec?.jwtRules ?? []).filter((r) => r.issuer !== issuer);
  next.spec = { ...next.spec, jwtRules: rules };
  if (!rules.length) delete next.spec.jwtRules;
  return next;
};

const uriIssue = (uri: string, path: IssuePath): Issue | undefined => {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return securityIssue('jwt.jwks-uri-not-url', path, { uri });
  }
  // Istio also accepts http, but keys fetched in clear text can be swapped in transit.
  if (url.protocol !== 'https:') return securityIssue('jwt.jwks-uri-not-https', path, { uri });
  if (!url.hostname) return securityIssue('jwt.jwks-uri-no-host', path, { uri });
  return undefined;
};

/**
 * Checks a RequestAuthentication: every rule needs an issuer, keys from an https jwksUri (or inline
 * jwks), non-empty audiences and token locations, and issuers unique within the object.
 */
export const validateRequestAuthentication = (ra: RequestAuthentication): Issue[] => {
  const spec = ra.spec ?? {};
  const issues = validateSelector(spec.selector, ['spec', 'selector']);
  const seen = new Set<string>();
  (spec.jwtRules ?? []).forEach((rule, i) => {
    const at = ['spec', 'jwtRules', i];
    if (!rule.issuer?.trim()) {
      issues.push(securityIssue('jwt.issuer-missing', [...at, 'issuer']));
    } else if (seen.has(rule.issuer)) {
      issues.push(
        securityIssue('jwt.issuer-duplicate', [...at, 'issuer'], { issuer: rule.issuer }),
      );
    }
    // The schema leaves issuer optional; a rule without one was reported above.
    if (rule.issuer) seen.add(rule.issuer);
    if (rule.jwksUri !== undefined) {
      const problem = uriIssue(rule.jwksUri, [...at, 'jwksUri']);
      if (problem) issues.push(problem);
    }
    if (rule.jwksUri && rule.jwks) {
      issues.push(securityWarning('jwt.jwks-both', [...at, 'jwks']));
    }
    (rule.audiences ?? []).forEach((a, j) => {
      if (!a.trim()) issues.push(securityIssue('jwt.audience-empty', [...at, 'audiences', j]));
    });
    (rule.fromHeaders ?? []).forEach((h, j) => {
      const name = [...at, 'fromHeaders', j, 'name'];
      if (!h.name) issues.push(securityIssue('jwt.header-name-missing', name));
      else if (!isHeaderName(h.name)) {
        issues.push(securityIssue('jwt.header-name-invalid', name, { header: h.name }));
      }
    });
    (rule.fromParams ?? []).forEach((p, j) => {
      if (!p.trim()) issues.push(securityIssue('jwt.param-empty', [...at, 'fromParams', j]));
    });
  });
  return issues;
};
