import type { VirtualService, WithSpec } from '../../models';
import { validateIstioObject } from '../../testing/istioSchemas';
import { changesFromForm, fieldOfIssuePath, formFromRule } from './resilienceForm';
import { applyRouteResilience } from './trafficSplit';
import { validateVirtualService } from './validation';

const isError = (i: { severity: string }) => i.severity === 'error';

const vs = (): WithSpec<VirtualService> => ({
  apiVersion: 'networking.istio.io/v1',
  kind: 'VirtualService',
  metadata: { name: 'ratings', namespace: 'bookinfo', annotations: { a: 'b' } },
  spec: {
    hosts: ['ratings'],
    http: [
      {
        name: 'qa',
        match: [{ headers: { 'x-qa': { exact: '1' } } }],
        route: [{ destination: { host: 'ratings' } }],
        fault: { abort: { grpcStatus: 'UNAVAILABLE', percentage: { value: 5 } } },
      },
      {
        route: [{ destination: { host: 'ratings' } }],
        retries: { attempts: 3, retryOn: '5xx,503,retriable-4xx', retryRemoteLocalities: true },
      },
    ],
  },
});

const expectValid = (obj: VirtualService) => {
  for (const apiVersion of ['networking.istio.io/v1', 'networking.istio.io/v1beta1']) {
    expect(() => validateIstioObject({ ...obj, apiVersion })).not.toThrow();
  }
  expect(validateVirtualService(obj).filter(isError)).toEqual([]);
};

describe('formFromRule', () => {
  it('splits retryOn into known conditions and other tokens', () => {
    const form = formFromRule(vs().spec.http?.[1]);
    expect(form).toMatchObject({
      attempts: '3',
      retryOn: ['5xx', 'retriable-4xx'],
      retryOnOther: '503',
      timeout: '',
      delay: '',
    });
  });

  it('reads a gRPC abort and a legacy integer delay percent', () => {
    const rule = vs().spec.http?.[0];
    expect(formFromRule(rule)).toMatchObject({
      abortKind: 'grpc',
      abortStatus: 'UNAVAILABLE',
      abortPercent: '5',
    });
    expect(formFromRule({ fault: { delay: { fixedDelay: '1s', percent: 20 } } })).toMatchObject({
      delay: '1s',
      delayPercent: '20',
    });
  });
});

describe('changesFromForm', () => {
  it('changes nothing when nothing was edited', () => {
    const initial = formFromRule(vs().spec.http?.[1]);
    expect(changesFromForm(initial, initial)).toEqual({ changes: {}, problems: [] });
  });

  it('sets timeout, retries and a delay; keeps unknown retry fields and other rules', () => {
    const before = vs();
    const initial = formFromRule(before.spec.http?.[1]);
    const { changes, problems } = changesFromForm(
      {
        ...initial,
        timeout: '3s',
        attempts: '2',
        perTryTimeout: '1s',
        retryOn: ['5xx', 'reset'],
        retryOnOther: '',
        delay: '2s',
        delayPercent: '50',
      },
      initial,
    );
    expect(problems).toEqual([]);
    const after = applyRouteResilience(before, 'default', changes);
    expect(after.spec.http?.[1]).toEqual({
      route: [{ destination: { host: 'ratings' } }],
      timeout: '3s',
      retries: {
        attempts: 2,
        perTryTimeout: '1s',
        retryOn: '5xx,reset',
        retryRemoteLocalities: true,
      },
      fault: { delay: { fixedDelay: '2s', percentage: { value: 50 } } },
    });
    expect(after.spec.http?.[0]).toEqual(before.spec.http?.[0]);
    expect(after.metadata).toEqual(before.metadata);
    expectValid(after);
  });

  it('removes emptied fields, and the whole fault when it is emptied', () => {
    const before = vs();
    const initial = formFromRule(before.spec.http?.[0]);
    const { changes } = changesFromForm(
      { ...initial, abortStatus: '', abortPercent: '', timeout: '' },
      initial,
    );
    expect(changes).toEqual({ fault: null });
    const after = applyRouteResilience(before, { name: 'qa' }, changes);
    expect(after.spec.http?.[0].fault).toBeUndefined();
    expectValid(after);
  });

  it('writes an HTTP abort and replaces a legacy delay percent with percentage', () => {
    const before = vs();
    before.spec.http![1].fault = { delay: { fixedDelay: '1s', percent: 20 } };
    const initial = formFromRule(before.spec.http?.[1]);
    const { changes } = changesFromForm(
      { ...initial, abortKind: 'http', abortStatus: '503', abortPercent: '0.5' },
      initial,
    );
    const after = applyRouteResilience(before, 'default', changes);
    expect(after.spec.http?.[1].fault).toEqual({
      delay: { fixedDelay: '1s', percentage: { value: 20 } },
      abort: { httpStatus: 503, percentage: { value: 0.5 } },
    });
    expectValid(after);
  });

  it('reports text that is not a number on its field', () => {
    const initial = formFromRule(undefined);
    const { problems } = changesFromForm(
      { ...initial, attempts: 'two', delay: '1s', delayPercent: 'half', abortStatus: '5o3' },
      initial,
    );
    expect(problems).toEqual([
      { field: 'attempts', code: 'resilience.attempts-not-whole' },
      { field: 'delayPercent', code: 'resilience.percentage' },
      { field: 'abortStatus', code: 'resilience.abort-status-not-whole' },
    ]);
  });

  it('leaves range and duration checks to the validator, which names the field', () => {
    const before = vs();
    const initial = formFromRule(before.spec.http?.[1]);
    const { changes } = changesFromForm(
      { ...initial, timeout: '1.5ms', delay: '2s', delayPercent: '150' },
      initial,
    );
    const after = applyRouteResilience(before, 'default', changes);
    const fields = validateVirtualService(after)
      .filter(isError)
      .map((i) => fieldOfIssuePath(i.path, 1));
    expect(fields).toEqual(['timeout', 'delayPercent']);
  });
});

describe('fieldOfIssuePath', () => {
  it('maps only paths of the chosen rule', () => {
    expect(fieldOfIssuePath(['spec', 'http', 1, 'retries', 'retryOn'], 1)).toBe('retryOnOther');
    expect(fieldOfIssuePath(['spec', 'http', 0, 'timeout'], 1)).toBeUndefined();
    expect(fieldOfIssuePath(['spec', 'http', 1, 'fault', 'abort'], 1)).toBeUndefined();
    expect(fieldOfIssuePath(['spec', 'http', 1, 'fault', 'abort', 'percentage', 'value'], 1)).toBe(
      'abortPercent',
    );
  });
});
