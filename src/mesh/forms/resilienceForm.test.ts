import type { HTTPRoute, VirtualService } from '../../models';
import {
  planResilience,
  readResilience,
  resilienceBase,
  resilienceFieldIssues,
  resilienceRules,
} from './resilienceForm';
import type { ResilienceContext } from './resilienceForm';

const HOST = 'ratings';
const vs = (http: HTTPRoute[]): VirtualService => ({
  apiVersion: 'networking.istio.io/v1',
  kind: 'VirtualService',
  metadata: { name: 'ratings', namespace: 'bookinfo', resourceVersion: '3' },
  spec: { hosts: [HOST], http },
});
const NAMED: HTTPRoute = {
  name: 'slow',
  match: [{ uri: { prefix: '/slow' } }],
  timeout: '10s',
  route: [{ destination: { host: HOST } }],
};
const DEFAULT: HTTPRoute = {
  retries: { attempts: 3, retryOn: '5xx', retryRemoteLocalities: true },
  route: [{ destination: { host: HOST } }],
};
const ctx = (stored?: VirtualService): ResilienceContext => ({
  namespace: 'bookinfo',
  host: HOST,
  version: 'v1',
  stored,
});

describe('resilienceRules / readResilience', () => {
  it('offers the default route first, then named rules', () => {
    expect(resilienceRules(vs([NAMED, DEFAULT]))).toEqual([
      { key: 'default' },
      { key: 'name:slow', name: 'slow' },
    ]);
    expect(readResilience(vs([NAMED, DEFAULT]), 'name:slow').timeout).toBe('10s');
    expect(readResilience(vs([NAMED, DEFAULT]), 'default').attempts).toBe('3');
  });

  it('starts a VirtualService with a default route when there is none', () => {
    const base = resilienceBase(undefined, ctx());
    expect(base.spec?.http).toEqual([{ route: [{ destination: { host: HOST } }] }]);
    expect(resilienceRules(base)).toEqual([{ key: 'default' }]);
  });
});

describe('planResilience', () => {
  it('is unchanged for the form as read', () => {
    const stored = vs([NAMED, DEFAULT]);
    const { plan } = planResilience(
      readResilience(stored, 'default'),
      stored,
      'default',
      ctx(stored),
    );
    expect(plan.unchanged).toBe(true);
  });

  it('edits only the chosen rule and keeps hidden retry settings', () => {
    const stored = vs([NAMED, DEFAULT]);
    const form = { ...readResilience(stored, 'default'), timeout: '3s', attempts: '2' };
    const { plan, vs: out, ruleIndex } = planResilience(form, stored, 'default', ctx(stored));
    expect(ruleIndex).toBe(1);
    expect(plan.blocking).toBe(false);
    expect(out.spec?.http?.[0]).toEqual(NAMED);
    expect(out.spec?.http?.[1]).toEqual({
      ...DEFAULT,
      timeout: '3s',
      retries: { attempts: 2, retryOn: '5xx', retryRemoteLocalities: true },
    });
    expect(plan.edits[0].before).toBe(stored);
  });

  it('creates the VirtualService when there is none', () => {
    const base = resilienceBase(undefined, ctx());
    const form = { ...readResilience(base, 'default'), timeout: '2s' };
    const { plan } = planResilience(form, undefined, 'default', ctx());
    expect(plan.edits).toHaveLength(1);
    expect(plan.edits[0].before).toBeUndefined();
  });

  it('puts a bad duration and an out-of-range percentage on their fields of the chosen rule', () => {
    const stored = vs([NAMED, DEFAULT]);
    const form = {
      ...readResilience(stored, 'default'),
      timeout: 'abc',
      delay: '2s',
      delayPercent: '150',
    };
    const { plan, ruleIndex } = planResilience(form, stored, 'default', ctx(stored));
    expect(plan.blocking).toBe(true);
    expect(resilienceFieldIssues(plan.issues, ruleIndex, 'timeout')).toHaveLength(1);
    expect(resilienceFieldIssues(plan.issues, ruleIndex, 'delayPercent')).toHaveLength(1);
    // Not on the other rule's fields.
    expect(resilienceFieldIssues(plan.issues, 0, 'timeout')).toEqual([]);
  });

  it('words the form’s own finding as a code at the field', () => {
    const stored = vs([NAMED, DEFAULT]);
    const form = { ...readResilience(stored, 'default'), attempts: 'many' };
    const { plan, ruleIndex } = planResilience(form, stored, 'default', ctx(stored));
    expect(resilienceFieldIssues(plan.issues, ruleIndex, 'attempts')).toEqual([
      {
        object: 'VirtualService',
        path: ['spec', 'http', 1, 'retries', 'attempts'],
        code: 'resilience.attempts-not-whole',
        severity: 'error',
      },
    ]);
  });

  it('does not show another rule’s issue on the chosen rule’s field', () => {
    // A hand-written bad timeout on the named rule; the form edits the default route.
    const stored = vs([{ ...NAMED, timeout: 'forever' }, DEFAULT]);
    const { plan, ruleIndex } = planResilience(
      readResilience(stored, 'default'),
      stored,
      'default',
      ctx(stored),
    );
    expect(plan.issues.some((i) => i.path[2] === 0)).toBe(true);
    expect(resilienceFieldIssues(plan.issues, ruleIndex, 'timeout')).toEqual([]);
  });
});
