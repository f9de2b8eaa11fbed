import type { Kiali } from '../../models';
import {
  kialiAvailability,
  kialiInstanceOf,
  kialiUrlFromRoute,
  tempoInstances,
  grafanaUrlOf,
  tracingAvailability,
  tracingTempoInstance,
} from './backends';
import type { KialiCrs } from './backends';

const kiali: Kiali = {
  metadata: { name: 'kiali', namespace: 'istio-system' },
  spec: { deployment: { cluster_wide_access: true } },
};
const status = { state: 'running', version: 'v2.27.0', externalServices: [], warnings: [] };
const crs = (over: Partial<KialiCrs> = {}): KialiCrs => ({
  loaded: true,
  served: true,
  readable: true,
  items: [kiali],
  ...over,
});
const unreachable = { kind: 'unreachable' as const, status: 502, message: 'Bad Gateway' };

describe('kialiAvailability', () => {
  it('is ready whenever Kiali answers, even if the user cannot read Kiali CRs', () => {
    expect(
      kialiAvailability(crs({ readable: false, items: [] }), { loading: false, value: status }),
    ).toEqual({
      state: 'ready',
      status,
      instance: undefined,
    });
    expect(kialiAvailability(crs(), { loading: false, value: status })).toMatchObject({
      state: 'ready',
      instance: {
        name: 'kiali',
        namespace: 'istio-system',
        instanceName: 'kiali',
        deploymentNamespace: 'istio-system',
      },
    });
  });

  it('explains a missing Kiali from the CRs: no operator, or no instance', () => {
    expect(
      kialiAvailability(crs({ served: false, items: [] }), {
        loading: false,
        failure: unreachable,
      }),
    ).toEqual({
      state: 'operator-missing',
    });
    expect(kialiAvailability(crs({ items: [] }), { loading: false, failure: unreachable })).toEqual(
      {
        state: 'no-instance',
      },
    );
  });

  it('says Kiali is unreachable when an instance exists (or cannot be seen) but the proxy fails', () => {
    expect(kialiAvailability(crs(), { loading: false, failure: unreachable })).toMatchObject({
      state: 'unreachable',
      failure: unreachable,
      instance: { name: 'kiali' },
    });
    expect(
      kialiAvailability(crs({ readable: false, items: [] }), {
        loading: false,
        failure: unreachable,
      }).state,
    ).toBe('unreachable');
    const refused = { kind: 'http' as const, status: 500, message: 'boom' };
    expect(kialiAvailability(crs(), { loading: false, failure: refused })).toMatchObject({
      state: 'error',
      failure: refused,
    });
  });

  it('waits for both the status call and the CR watch before judging', () => {
    expect(kialiAvailability(crs(), { loading: true }).state).toBe('loading');
    expect(
      kialiAvailability(crs({ loaded: false }), { loading: false, failure: unreachable }).state,
    ).toBe('loading');
  });
});

describe('Kiali instance and URL', () => {
  it('reads the instance name, deployment namespace and web root', () => {
    expect(
      kialiInstanceOf({
        metadata: { name: 'kiali-user', namespace: 'mesh-admin' },
        spec: {
          deployment: { instance_name: 'kiali-ui', namespace: 'istio-system' },
          server: { web_root: '/kiali' },
        },
      }),
    ).toEqual({
      name: 'kiali-user',
      namespace: 'mesh-admin',
      instanceName: 'kiali-ui',
      deploymentNamespace: 'istio-system',
      webRoot: '/kiali',
    });
  });

  it('takes the admitted Route host, else the requested one', () => {
    expect(
      kialiUrlFromRoute({
        spec: { host: 'asked.example.com' },
        status: { ingress: [{ host: 'kiali.apps.example.com' }] },
      }),
    ).toBe('https://kiali.apps.example.com');
    expect(kialiUrlFromRoute({ spec: { host: 'asked.example.com' } }, '/kiali')).toBe(
      'https://asked.example.com/kiali',
    );
    expect(kialiUrlFromRoute(undefined)).toBeUndefined();
  });
});

describe('tempoInstances', () => {
  it('lists TempoStacks and TempoMonolithics with their first tenant when multi-tenant', () => {
    expect(
      tempoInstances(
        [
          {
            metadata: { name: 'sample', namespace: 'tempo' },
            spec: {
              tenants: {
                mode: 'openshift',
                authentication: [{ tenantName: 'dev', tenantId: '1' }],
              },
            },
          },
          { metadata: { name: 'single', namespace: 'tracing' }, spec: {} },
        ],
        [
          {
            metadata: { name: 'mono', namespace: 'obs' },
            spec: { multitenancy: { enabled: false } },
          },
        ],
      ),
    ).toEqual([
      { namespace: 'tempo', name: 'sample', tenant: 'dev' },
      { namespace: 'tracing', name: 'single' },
      { namespace: 'obs', name: 'mono' },
    ]);
  });
});

describe('tracingAvailability', () => {
  const ready = { kiali: 'ready' as const, consolePlugin: false, tempo: [] };
  it('defers to Kiali’s state when Kiali is not ready', () => {
    expect(
      tracingAvailability({ ...ready, kiali: 'no-instance', tracing: { loading: false } }).state,
    ).toBe('no-kiali');
    expect(
      tracingAvailability({ ...ready, kiali: 'loading', tracing: { loading: false } }).state,
    ).toBe('loading');
  });

  it('is disabled when Kiali has no tracing, listing Tempo instances it could use', () => {
    const tempo = [{ namespace: 'tempo', name: 'sample', tenant: 'dev' }];
    expect(
      tracingAvailability({
        ...ready,
        tempo,
        tracing: { loading: false, value: { enabled: false } },
      }),
    ).toEqual({
      state: 'disabled',
      tempo,
    });
  });

  it('names the Tempo instance from Kiali’s internal URL, else the only multi-tenant one', () => {
    const value = {
      enabled: true,
      provider: 'tempo',
      url: 'https://tempo.example.com',
      internalURL:
        'https://tempo-sample-gateway.tempo.svc.cluster.local:8080/api/traces/v1/dev/tempo',
    };
    expect(
      tracingAvailability({ ...ready, consolePlugin: true, tracing: { loading: false, value } }),
    ).toEqual({
      state: 'ready',
      provider: 'tempo',
      ui: {
        consolePlugin: true,
        provider: 'tempo',
        tempo: { name: 'sample', namespace: 'tempo', tenant: 'dev' },
        externalUrl: 'https://tempo.example.com',
      },
    });
    const other = { namespace: 'obs', name: 'mt', tenant: 'prod' };
    expect(
      tracingAvailability({
        ...ready,
        tempo: [other, { namespace: 'x', name: 'single' }],
        tracing: { loading: false, value: { enabled: true, internalURL: 'http://jaeger:16686' } },
      }),
    ).toMatchObject({ state: 'ready', ui: { tempo: other } });
  });

  it('takes the instance, tenant and link format from Kiali’s tempoConfig first', () => {
    // The internal URL names another instance and no tenant (Kiali appends the tenant's path
    // itself when tempo_config.tenant is set: tracing/tempo/http_client.go ConstructTempoTenantURL).
    const value = {
      enabled: true,
      provider: 'tempo',
      url: 'https://console-openshift-console.apps.example.com',
      internalURL: 'https://tempo-other-gateway.obs.svc.cluster.local:8080',
      tempoConfig: {
        name: 'sample',
        namespace: 'tempo',
        tenant: 'dev',
        urlFormat: 'openshift',
        datasourceUID: 'uid-1',
      },
    };
    expect(
      tracingAvailability({
        ...ready,
        grafanaUrl: 'https://grafana.example.com',
        tracing: { loading: false, value },
      }),
    ).toEqual({
      state: 'ready',
      provider: 'tempo',
      ui: {
        consolePlugin: false,
        provider: 'tempo',
        tempo: { name: 'sample', namespace: 'tempo', tenant: 'dev' },
        externalUrl: 'https://console-openshift-console.apps.example.com',
        urlFormat: 'openshift',
        grafana: { url: 'https://grafana.example.com', datasourceUID: 'uid-1' },
      },
    });
    // Only a tenant in tempoConfig: the instance from the internal URL, with that tenant.
    expect(
      tracingTempoInstance(
        {
          enabled: true,
          internalURL: 'https://tempo-sample-gateway.tempo.svc.cluster.local:8080',
          tempoConfig: { tenant: 'prod' },
        },
        [],
      ),
    ).toEqual({ name: 'sample', namespace: 'tempo', tenant: 'prod' });
    // A named instance without a tenant: the TempoStack's own first tenant.
    expect(
      tracingTempoInstance({ enabled: true, tempoConfig: { name: 'mt', namespace: 'obs' } }, [
        { namespace: 'obs', name: 'mt', tenant: 'team-a' },
      ]),
    ).toEqual({ name: 'mt', namespace: 'obs', tenant: 'team-a' });
  });

  it('finds Grafana among the external services of Kiali’s status', () => {
    const status = {
      externalServices: [
        { name: 'tempo', url: 'https://tempo.example.com' },
        { name: 'Grafana', url: 'https://grafana.example.com' },
      ],
      warnings: [],
    };
    expect(grafanaUrlOf(status)).toBe('https://grafana.example.com');
    expect(grafanaUrlOf({ externalServices: [], warnings: [] })).toBeUndefined();
  });

  it('reports a failed tracing-info call', () => {
    const failure = { kind: 'http' as const, status: 500, message: 'boom' };
    expect(tracingAvailability({ ...ready, tracing: { loading: false, failure } })).toEqual({
      state: 'error',
      failure,
    });
  });
});
