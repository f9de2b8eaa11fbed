import path from 'path';
import { matchPath } from 'react-router';
import {
  FORMS,
  SECURITY_PATH,
  TRAFFIC_PATH,
  formPath,
  formsFor,
  securityPagePath,
} from './registry';
import type { FormScope, FormTarget } from './registry';

// The parser the console's webpack plugin reads console-extensions.json with (it has comments).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { parseJSONC } = require('@openshift-console/dynamic-plugin-sdk-webpack/lib/utils/jsonc');

type Extension = {
  type: string;
  properties: { path?: string | string[]; exact?: boolean; component?: { $codeRef: string } };
};
const EXTENSIONS: Extension[] = parseJSONC(
  path.join(__dirname, '../../../console-extensions.json'),
);
const ROUTES = EXTENSIONS.filter((e) => e.type === 'console.page/route').flatMap((e) =>
  [e.properties.path ?? []].flat().map((pattern) => ({
    pattern,
    exact: e.properties.exact ?? false,
    component: e.properties.component?.$codeRef,
  })),
);

/** The routes that would render `pathname`, with the parameters each reads from it. */
const routesFor = (pathname: string) =>
  ROUTES.flatMap((r) => {
    const m = matchPath({ path: r.pattern, end: r.exact }, pathname);
    return m ? [{ component: r.component, params: m.params }] : [];
  });

const TARGETS: Record<FormScope, FormTarget> = {
  service: { scope: 'service', namespace: 'bookinfo', name: 'reviews' },
  workload: { scope: 'workload', namespace: 'bookinfo', name: 'reviews-v1' },
  namespace: { scope: 'namespace', namespace: 'bookinfo' },
  mesh: { scope: 'mesh', rootNamespace: 'istio-system' },
};

// Which exposed module each form's route must render (a test-side table on purpose: a route
// wired to the wrong page is what it catches).
const PAGE: Record<string, string> = {
  split: 'TrafficSplitPage',
  'circuit-breaker': 'CircuitBreakerPage',
  'match-routing': 'MatchRoutingPage',
  resilience: 'ResiliencePage',
  expose: 'ExposePage',
  mtls: 'SecurityPages.MtlsPage',
  authorization: 'SecurityPages.AuthorizationPage',
  jwt: 'SecurityPages.JwtPage',
};

describe('the form registry', () => {
  it('builds each form’s path for every scope it applies to', () => {
    expect(formPath('split', { scope: 'service', namespace: 'bookinfo', name: 'reviews' })).toBe(
      '/service-mesh/traffic/ns/bookinfo/reviews/split',
    );
    expect(formPath('circuit-breaker', { scope: 'service', namespace: 'a', name: 'b' })).toBe(
      '/service-mesh/traffic/ns/a/b/circuit-breaker',
    );
    expect(
      formPath('expose', { scope: 'service', namespace: 'bookinfo', name: 'productpage' }),
    ).toBe('/service-mesh/traffic/ns/bookinfo/productpage/expose');
    expect(formPath('mtls', { scope: 'mesh', rootNamespace: 'istio-system' })).toBe(
      '/service-mesh/security/ns/istio-system/mtls',
    );
    expect(formPath('mtls', { scope: 'namespace', namespace: 'bookinfo' })).toBe(
      '/service-mesh/security/ns/bookinfo/mtls',
    );
    expect(formPath('authorization', { scope: 'workload', namespace: 'bookinfo', name: 'r' })).toBe(
      '/service-mesh/security/ns/bookinfo/workloads/r/authorization',
    );
    expect(formPath('jwt', { scope: 'namespace', namespace: 'bookinfo' })).toBe(
      '/service-mesh/security/ns/bookinfo/jwt',
    );
    expect(securityPagePath('bookinfo')).toBe('/service-mesh/security/ns/bookinfo');
  });

  it('escapes names that are not URL-safe', () => {
    expect(formPath('split', { scope: 'service', namespace: 'a b', name: 'c/d' })).toBe(
      '/service-mesh/traffic/ns/a%20b/c%2Fd/split',
    );
  });

  it('refuses a target a form does not apply to', () => {
    // @ts-expect-error: allowed callers are set per workload only
    expect(() => formPath('authorization', TARGETS.namespace)).toThrow(
      'The authorization form does not apply to a namespace',
    );
    const id = formsFor('service')[0];
    expect(() => formPath(id, TARGETS.mesh)).toThrow('does not apply to a mesh');
  });

  it('lists the forms for a scope and kind in registry order', () => {
    expect(formsFor('service')).toEqual([
      'split',
      'circuit-breaker',
      'match-routing',
      'resilience',
      'expose',
    ]);
    expect(formsFor('service', 'VirtualService')).toEqual(['split', 'match-routing', 'resilience']);
    expect(formsFor('service', 'HTTPRoute')).toEqual(['expose']);
    expect(formsFor('service', 'DestinationRule')).toEqual(['circuit-breaker']);
    expect(formsFor('workload')).toEqual(['mtls', 'authorization', 'jwt']);
    expect(formsFor('namespace')).toEqual(['mtls', 'jwt']);
    expect(formsFor('mesh')).toEqual(['mtls']);
  });
});

describe('console-extensions.json routes every path the registry builds', () => {
  const cases = FORMS.flatMap((f) =>
    f.appliesTo.map((scope) => [f.id, scope, formPath(f.id, TARGETS[scope])] as const),
  );

  it.each(cases)('%s for a %s: %s', (id, scope, pathname) => {
    const routes = routesFor(pathname);
    expect(routes.map((r) => r.component)).toEqual([PAGE[id]]);
    const target = TARGETS[scope];
    const expected =
      target.scope === 'mesh'
        ? { ns: target.rootNamespace }
        : target.scope === 'namespace'
          ? { ns: target.namespace }
          : { ns: target.namespace, name: target.name };
    expect(routes[0].params).toEqual(expected);
  });

  it('routes the pages the forms hang off', () => {
    expect(routesFor(TRAFFIC_PATH).map((r) => r.component)).toEqual(['TrafficPage']);
    expect(routesFor(SECURITY_PATH).map((r) => r.component)).toEqual([
      'SecurityPages.SecurityPage',
    ]);
    expect(routesFor(securityPagePath('bookinfo'))).toEqual([
      { component: 'SecurityPages.SecurityPage', params: { ns: 'bookinfo' } },
    ]);
  });
});
