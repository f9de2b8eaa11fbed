import type { ListedKind } from '../k8s/useMeshConfigObjects';
import { issue, warning } from '../mesh/issues';
import { ServiceModel, VirtualServiceModel } from '../models';
import { configRows, issuesOf, problemTotals } from './configRows';

const VS: ListedKind = {
  type: 'virtualservices',
  id: 'virtualservice',
  kind: 'VirtualService',
  model: VirtualServiceModel,
  validated: 'VirtualService',
};
const SERVICE: ListedKind = {
  type: 'services',
  id: 'service',
  kind: 'Service',
  model: ServiceModel,
  validated: 'Service',
  onlyWithProblems: true,
};
const TELEMETRY: ListedKind = {
  ...VS,
  type: 'telemetries',
  id: 'telemetry',
  kind: 'Telemetry',
  validated: undefined,
};
const obj = (name: string) => ({ metadata: { name, namespace: 'bookinfo' } });

describe('configRows', () => {
  const results = new Map([
    ['VirtualService/bookinfo/broken', [issue('a'), warning('b'), warning('c')]],
    ['VirtualService/bookinfo/clean', []],
    ['Service/bookinfo/badly-named', [issue('config.service.port-name')]],
    ['Service/bookinfo/fine', []],
  ]);

  it('counts each object’s errors and warnings, and lists Services only with problems', () => {
    const rows = configRows(
      [
        { kind: VS, obj: obj('broken') },
        { kind: VS, obj: obj('clean') },
        { kind: SERVICE, obj: obj('badly-named') },
        { kind: SERVICE, obj: obj('fine') },
        { kind: TELEMETRY, obj: obj('broken') },
      ],
      results,
    );
    expect(rows.map((r) => [r.kind.id, r.obj.metadata?.name, r.errors, r.warnings])).toEqual([
      ['virtualservice', 'broken', 1, 2],
      ['virtualservice', 'clean', 0, 0],
      ['service', 'badly-named', 1, 0],
      ['telemetry', 'broken', 0, 0],
    ]);
    expect(rows[0].metadata).toBe(rows[0].obj.metadata);
    expect(problemTotals(rows)).toEqual({ errors: 2, warnings: 2 });
  });

  it('finds no issues for kinds the validator does not check, nor for objects it did not see', () => {
    expect(issuesOf({ kind: TELEMETRY, obj: obj('broken') }, results)).toEqual([]);
    expect(issuesOf({ kind: VS, obj: obj('unknown') }, results)).toEqual([]);
  });
});
