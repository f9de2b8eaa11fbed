/**
 * Every form the plugin offers, in one place: what it is called (an English key, translated
 * where it is shown), which Istio kind it is about, what it can be opened for, and the console
 * path that opens it. Lists, tabs and pages that link to a form ask here instead of spelling
 * the path; console-extensions.json routes the same paths (registry.test.ts proves it).
 */

export const TRAFFIC_PATH = '/service-mesh/traffic';
export const SECURITY_PATH = '/service-mesh/security';

/** What a form can be opened for. */
export type FormScope = 'service' | 'workload' | 'namespace' | 'mesh';

export type FormTarget =
  | { scope: 'service'; namespace: string; name: string }
  | { scope: 'workload'; namespace: string; name: string }
  | { scope: 'namespace'; namespace: string }
  /** The mesh-wide level lives in the control plane's root namespace. */
  | { scope: 'mesh'; rootNamespace: string };

export type TargetOf<S extends FormScope> = Extract<FormTarget, { scope: S }>;

/** The kind a form is about: where the plugin lists that kind, it offers the form. */
export type FormKind =
  | 'VirtualService'
  | 'DestinationRule'
  | 'PeerAuthentication'
  | 'AuthorizationPolicy'
  | 'RequestAuthentication'
  /** Gateway API: the ingress form writes an HTTPRoute (and maybe its Gateway). */
  | 'HTTPRoute';

const seg = encodeURIComponent;

const trafficForm =
  (segment: string) =>
  (t: TargetOf<'service'>): string =>
    `${TRAFFIC_PATH}/ns/${seg(t.namespace)}/${seg(t.name)}/${segment}`;

const securityForm =
  (segment: string) =>
  (t: TargetOf<'mesh' | 'namespace' | 'workload'>): string => {
    switch (t.scope) {
      case 'mesh':
        return `${SECURITY_PATH}/ns/${seg(t.rootNamespace)}/${segment}`;
      case 'namespace':
        return `${SECURITY_PATH}/ns/${seg(t.namespace)}/${segment}`;
      default:
        return `${SECURITY_PATH}/ns/${seg(t.namespace)}/workloads/${seg(t.name)}/${segment}`;
    }
  };

// Infers each form's scopes from `appliesTo`, so its path builder takes exactly those targets.
const form = <S extends FormScope>(f: {
  labelKey: string;
  kind: FormKind;
  appliesTo: readonly S[];
  path: (target: TargetOf<S>) => string;
}) => f;

// In the order the plugin offers them. The ids are the last segment of each form's path, and
// name the forms' buttons in tests (`split-<namespace>-<service>`).
const REGISTRY = {
  split: form({
    labelKey: 'Traffic split',
    kind: 'VirtualService',
    appliesTo: ['service'],
    path: trafficForm('split'),
  }),
  'circuit-breaker': form({
    labelKey: 'Circuit breaker',
    kind: 'DestinationRule',
    appliesTo: ['service'],
    path: trafficForm('circuit-breaker'),
  }),
  'match-routing': form({
    labelKey: 'A/B routing',
    kind: 'VirtualService',
    appliesTo: ['service'],
    path: trafficForm('match-routing'),
  }),
  resilience: form({
    labelKey: 'Timeouts, retries, faults',
    kind: 'VirtualService',
    appliesTo: ['service'],
    path: trafficForm('resilience'),
  }),
  expose: form({
    labelKey: 'Expose outside the cluster',
    kind: 'HTTPRoute',
    appliesTo: ['service'],
    path: trafficForm('expose'),
  }),
  mtls: form({
    labelKey: 'mTLS mode',
    kind: 'PeerAuthentication',
    appliesTo: ['mesh', 'namespace', 'workload'],
    path: securityForm('mtls'),
  }),
  authorization: form({
    labelKey: 'Allowed callers',
    kind: 'AuthorizationPolicy',
    appliesTo: ['workload'],
    path: securityForm('authorization'),
  }),
  jwt: form({
    labelKey: 'End-user tokens (JWT)',
    kind: 'RequestAuthentication',
    appliesTo: ['namespace', 'workload'],
    path: securityForm('jwt'),
  }),
};

export type FormId = keyof typeof REGISTRY;
/** The scopes one form can be opened for. */
export type ScopeOf<Id extends FormId> = (typeof REGISTRY)[Id]['appliesTo'][number];

export type FormDefinition = {
  id: FormId;
  /** The English label; shown through formLabel (components/), where i18next finds it. */
  labelKey: string;
  kind: FormKind;
  appliesTo: readonly FormScope[];
};

export const FORMS: readonly FormDefinition[] = (Object.keys(REGISTRY) as FormId[]).map((id) => {
  const { labelKey, kind, appliesTo } = REGISTRY[id];
  return { id, labelKey, kind, appliesTo };
});

/**
 * The console path that opens form `id` for `target`. The target's type follows the form's
 * scopes; for an id only known at run time, a target the form does not apply to throws.
 */
export const formPath = <Id extends FormId>(id: Id, target: TargetOf<ScopeOf<Id>>): string => {
  const entry = REGISTRY[id];
  if (!(entry.appliesTo as readonly FormScope[]).includes(target.scope)) {
    throw new Error(`The ${id} form does not apply to a ${target.scope}`);
  }
  return (entry.path as (t: FormTarget) => string)(target);
};

/** The forms that can be opened for `scope` (about `kind`, if given), in registry order. */
export const formsFor = (scope: FormScope, kind?: FormKind): FormId[] =>
  FORMS.filter((f) => f.appliesTo.includes(scope) && (!kind || f.kind === kind)).map((f) => f.id);

/** The Security page of one namespace (its forms hang off it). */
export const securityPagePath = (namespace: string) => `${SECURITY_PATH}/ns/${seg(namespace)}`;
