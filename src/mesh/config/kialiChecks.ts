import type { Issue, IssuePath } from '../issues';
import { decoded, isRecord, malformed } from '../observability/decode';
import type { Decoded } from '../observability/decode';

/**
 * Kiali's own validations of the Istio configuration, as its Istio config list returns them
 * (`GET /api/istio/config?validate=true`, or `/api/namespaces/{ns}/istio?validate=true`): beside
 * the list, `validations` maps `"<group>/<version>, Kind=<Kind>"` (just the kind for core
 * objects) to `"<name>.<namespace>"` to `{name, namespace, objectGVK, valid, checks}`, each check
 * `{code: "KIA1107", message, severity: error|warning|unknown, path: "spec/http[0]/route[0]"}`
 * (kiali/kiali models/istio_validation.go, the same in 2.27 and later).
 */

/** One of Kiali's checks of an object, as Kiali words it (in English). */
export type KialiCheck = {
  code: string;
  message: string;
  severity: 'error' | 'warning';
  path: IssuePath;
};

/** Kiali's checks by object, keyed `${Kind}/${namespace}/${name}` like our own results. */
export type KialiChecks = ReadonlyMap<string, readonly KialiCheck[]>;

/** `spec/http[0]/route[1]/destination` as path segments. */
export const parseKialiPath = (path: string): IssuePath =>
  path
    .split('/')
    .filter(Boolean)
    .flatMap((part) => {
      const m = /^([^[]*)((?:\[\d+\])*)$/.exec(part);
      if (!m) return [part];
      const indexes = [...m[2].matchAll(/\[(\d+)\]/g)].map((x) => Number(x[1]));
      return [...(m[1] ? [m[1]] : []), ...indexes];
    });

/**
 * The kind out of a validations key (`networking.istio.io/v1, Kind=VirtualService`, or just
 * `Service` for core objects), for the API groups whose kinds we check; undefined for the rest
 * (Gateway API's `Gateway` would otherwise read as Istio's).
 */
const kindOfKey = (key: string): string | undefined => {
  const m = /^([^/]*)\/[^,]*, Kind=(\S+)$/.exec(key);
  if (!m) return key.includes('/') ? undefined : key;
  return CHECKED_GROUPS.has(m[1]) ? m[2] : undefined;
};
const CHECKED_GROUPS = new Set(['networking.istio.io', 'security.istio.io']);

/**
 * Kiali's checks out of its Istio config list. Checks of severity `unknown` are left out (Kiali
 * counts neither them nor objects without checks). A missing `validations` (Kiali with
 * validations turned off answers without it) is no checks, not an error.
 */
export const decodeKialiChecks = (json: unknown): Decoded<KialiChecks> => {
  if (!isRecord(json)) return malformed('the Istio config list is not an object');
  const validations = json.validations;
  const out = new Map<string, KialiCheck[]>();
  if (validations === undefined || validations === null) return decoded(out);
  if (!isRecord(validations)) return malformed('validations is not an object');
  for (const [key, byName] of Object.entries(validations)) {
    if (!isRecord(byName)) return malformed(`validations of ${key} is not an object`);
    const kind = kindOfKey(key);
    if (!kind) continue;
    for (const v of Object.values(byName)) {
      if (!isRecord(v) || typeof v.name !== 'string' || typeof v.namespace !== 'string') {
        return malformed(`a validation of ${key} has no name or namespace`);
      }
      const checks: KialiCheck[] = [];
      for (const c of Array.isArray(v.checks) ? v.checks : []) {
        if (!isRecord(c) || typeof c.code !== 'string') {
          return malformed(`a check of ${v.namespace}/${v.name} has no code`);
        }
        if (c.severity !== 'error' && c.severity !== 'warning') continue;
        checks.push({
          code: c.code,
          message: typeof c.message === 'string' ? c.message : '',
          severity: c.severity,
          path: typeof c.path === 'string' ? parseKialiPath(c.path) : [],
        });
      }
      if (checks.length) out.set(`${kind}/${v.namespace}/${v.name}`, checks);
    }
  }
  return decoded(out);
};

/** The issue code under which one of Kiali's checks is shown; its words are Kiali's. */
export const KIALI_CHECK = 'config.kiali';

/**
 * Our issues of one object with Kiali's that say something more: a check whose KIA code one of
 * ours already carries is the same finding, said once (ours, which the locale words and a form
 * may fix). The same code at two places stays two findings only when ours has none of it.
 */
export const withKialiChecks = (
  ours: readonly Issue[],
  kiali: readonly KialiCheck[] | undefined,
): readonly Issue[] => {
  if (!kiali?.length) return ours;
  const known = new Set(ours.map((i) => i.params?.kia).filter(Boolean));
  const extra = kiali
    .filter((c) => !known.has(c.code))
    .map((c): Issue => ({
      path: c.path,
      code: KIALI_CHECK,
      params: { kia: c.code, message: c.message },
      severity: c.severity,
    }));
  return extra.length ? [...ours, ...extra] : ours;
};

/**
 * Our results (every checked object, keyed as `validateAll` keys them) with Kiali's further
 * findings on the same objects. Objects Kiali checks and we do not list are left out.
 */
export const mergeKialiChecks = (
  ours: ReadonlyMap<string, Issue[]>,
  kiali: KialiChecks | undefined,
): ReadonlyMap<string, readonly Issue[]> => {
  if (!kiali?.size) return ours;
  const out = new Map<string, readonly Issue[]>(ours);
  for (const [key, checks] of kiali) {
    const mine = ours.get(key);
    if (mine) out.set(key, withKialiChecks(mine, checks));
  }
  return out;
};
