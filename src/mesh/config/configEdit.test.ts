import { bookinfo, route, virtualService } from '../../testing/meshConfigFixtures';
import { issue } from '../issues';
import { editableCopy, planConfigEdit, rebaseOnStored } from './configEdit';
import { indexMeshConfig } from './meshConfigIndex';

const stored = virtualService('ratings', 'bookinfo', {
  hosts: ['ratings'],
  http: [{ route: [route('ratings', 'v9')] }],
});

describe('planConfigEdit', () => {
  const index = indexMeshConfig({ ...bookinfo(), virtualServices: [stored] });

  it('plans nothing for the object as stored, and still lists its problems', () => {
    const plan = planConfigEdit(stored, stored, 'VirtualService', index);
    expect(plan.unchanged).toBe(true);
    expect(plan.issues.map((i) => i.code)).toEqual(['config.vs.subset-not-found']);
  });

  it('checks the edited object against the rest of the configuration', () => {
    const fixed = virtualService('ratings', 'bookinfo', {
      hosts: ['ratings'],
      http: [{ route: [route('ratings')] }],
    });
    const plan = planConfigEdit(fixed, stored, 'VirtualService', index);
    expect(plan.unchanged).toBe(false);
    expect(plan.edits).toEqual([{ before: stored, after: fixed }]);
    expect(plan.issues).toEqual([]);
    expect(plan.blocking).toBe(false);
  });

  it('is held back by the object’s own errors, not by the rest of the configuration', () => {
    // A destination host that is no Service: an error about the cluster, not the object.
    const elsewhere = virtualService('ratings', 'bookinfo', {
      hosts: ['ratings'],
      http: [{ route: [route('nowhere')] }],
    });
    const crossOnly = planConfigEdit(elsewhere, stored, 'VirtualService', index);
    expect(crossOnly.issues.map((i) => [i.code, i.severity])).toEqual([
      ['config.vs.host-not-found', 'error'],
    ]);
    expect(crossOnly.blocking).toBe(false);
    // A timeout that is no duration: Istio's webhook refuses it.
    const badTimeout = virtualService('ratings', 'bookinfo', {
      hosts: ['ratings'],
      http: [{ route: [route('ratings')], timeout: 'soon' }],
    });
    const own = planConfigEdit(badTimeout, stored, 'VirtualService', index);
    expect(own.blocking).toBe(true);
    expect(own.issues.some((i) => i.severity === 'error' && !i.code.startsWith('config.'))).toBe(
      true,
    );
  });

  it('is held back by the YAML’s own problems', () => {
    const plan = planConfigEdit(stored, stored, 'VirtualService', index, {
      extra: [issue('yaml.parse', [], { message: 'bad' })],
    });
    expect(plan.blocking).toBe(true);
  });

  it('writes kinds it has no checks for, through the given model', () => {
    const telemetry = {
      apiVersion: 'telemetry.istio.io/v1',
      kind: 'Telemetry',
      metadata: { name: 't', namespace: 'bookinfo' },
      spec: {},
    };
    const edited = { ...telemetry, spec: { tracing: [{ randomSamplingPercentage: 5 }] } };
    const model = { kind: 'Telemetry', apiVersion: 'v1', plural: 'telemetries' } as never;
    const plan = planConfigEdit(edited, telemetry, 'Telemetry', index, { model });
    expect(plan.edits).toEqual([{ model, before: telemetry, after: edited }]);
    expect(plan.blocking).toBe(false);
  });

  it('writes the version it diffs from, and leaves the server’s fields and the status alone', () => {
    const live = {
      ...stored,
      metadata: {
        ...stored.metadata,
        resourceVersion: '42',
        uid: 'u-1',
        generation: 3,
        managedFields: [{ manager: 'kubectl' }],
      },
      status: { validationMessages: [] },
    };
    const shown = editableCopy(live);
    expect(shown.metadata).not.toHaveProperty('managedFields');
    // Read from YAML opened at an older version, without status.
    const edited = {
      ...shown,
      metadata: { ...shown.metadata, resourceVersion: '40', generation: 2, labels: { a: 'b' } },
      status: undefined,
    };
    const after = rebaseOnStored(edited, live);
    expect(after).toEqual({
      ...live,
      metadata: { ...live.metadata, labels: { a: 'b' } },
    });
    // The copy as shown, unedited, plans nothing.
    expect(planConfigEdit(shown, live, 'VirtualService', index).unchanged).toBe(true);
  });
});
