import type { DestinationRule, HTTPRoute, VirtualService } from '../../models';
import type { RuleForm } from '../traffic/matchForm';
import {
  isMatchFormIssue,
  matchFieldIssues,
  planMatchRouting,
  readMatchRouting,
} from './matchRoutingForm';
import type { MatchContext, MatchObjects } from './matchRoutingForm';

const HOST = 'reviews';
const subsets = ['v1', 'v2'].map((v) => ({ name: v, labels: { version: v } }));
const dr = (): DestinationRule => ({
  apiVersion: 'networking.istio.io/v1',
  kind: 'DestinationRule',
  metadata: { name: 'reviews', namespace: 'bookinfo', resourceVersion: '7' },
  spec: { host: HOST, subsets: [subsets[0]] },
});
const vs = (http: HTTPRoute[]): VirtualService => ({
  apiVersion: 'networking.istio.io/v1',
  kind: 'VirtualService',
  metadata: { name: 'reviews', namespace: 'bookinfo', resourceVersion: '8' },
  spec: { hosts: [HOST], http },
});
const DEFAULT = { route: [{ destination: { host: HOST, subset: 'v1' } }] };
const ctx = (stored: MatchObjects): MatchContext => ({
  namespace: 'bookinfo',
  host: HOST,
  version: 'v1',
  subsets,
  stored,
});
const jason = (over: Partial<RuleForm> = {}): RuleForm => ({
  name: 'jason',
  conditions: [{ kind: 'header', name: 'end-user', op: 'exact', value: 'jason' }],
  destinations: [{ subset: 'v2', weight: '' }],
  ...over,
});

describe('planMatchRouting', () => {
  it('is unchanged for the form as read', () => {
    const stored = { vs: vs([DEFAULT]), dr: dr() };
    const { plan } = planMatchRouting(readMatchRouting(stored, ctx(stored)), stored, ctx(stored));
    expect(plan.unchanged).toBe(true);
    expect(plan.issues).toEqual([]);
  });

  it('adds the subset a rule uses, and writes the DestinationRule before the VirtualService', () => {
    const stored = { vs: vs([DEFAULT]), dr: dr() };
    const form = readMatchRouting(stored, ctx(stored));
    const { plan, vs: out } = planMatchRouting({ ...form, rules: [jason()] }, stored, ctx(stored));
    expect(plan.blocking).toBe(false);
    expect(plan.edits.map((e) => e.after?.kind)).toEqual(['DestinationRule', 'VirtualService']);
    expect((plan.edits[0].after as DestinationRule).spec?.subsets).toEqual(subsets);
    expect(out.spec?.http?.[0].name).toBe('mcp-jason');
  });

  it('leaves an object out of the plan when it does not change', () => {
    const stored = { vs: vs([DEFAULT]), dr: { ...dr(), spec: { host: HOST, subsets } } };
    const form = readMatchRouting(stored, ctx(stored));
    const { plan } = planMatchRouting({ ...form, rules: [jason()] }, stored, ctx(stored));
    expect(plan.edits.map((e) => e.after?.kind)).toEqual(['VirtualService']);
  });

  it('puts a form problem on its field, by the form path, and blocks', () => {
    const stored = { vs: vs([DEFAULT]), dr: dr() };
    const form = readMatchRouting(stored, ctx(stored));
    const bad = jason({
      conditions: [{ kind: 'header', name: 'end-user', op: 'regex', value: '(?=x)' }],
    });
    const { plan } = planMatchRouting({ ...form, rules: [bad] }, stored, ctx(stored));
    expect(plan.blocking).toBe(true);
    const onField = matchFieldIssues(plan.issues, ['rules', 0, 'conditions', 0]);
    expect(onField).toHaveLength(1);
    expect(onField[0].code).toBe('regex.lookaround');
    // The VirtualService's check finds the same regex; it is not said twice.
    expect(plan.issues.filter((i) => i.code === 'regex.lookaround')).toHaveLength(1);
    expect(matchFieldIssues(plan.issues, ['rules', 0, 'conditions'])).toEqual([]);
    expect(matchFieldIssues(plan.issues, ['rules', 0, 'name'])).toEqual([]);
  });

  it('says when the default rule cannot take a route', () => {
    const stored = { vs: vs([{ redirect: { uri: '/elsewhere' } }]), dr: dr() };
    const form = readMatchRouting(stored, ctx(stored));
    const { plan } = planMatchRouting(
      { ...form, defaultLocked: false, defaultRoute: [{ subset: 'v1', weight: '' }] },
      stored,
      ctx(stored),
    );
    expect(plan.issues.map((i) => i.code)).toContain('match.default-not-routable');
    expect(plan.blocking).toBe(true);
  });

  it('creates both objects for a service without routing', () => {
    const stored = {};
    const form = readMatchRouting(stored, ctx(stored));
    const { plan } = planMatchRouting(form, stored, ctx(stored));
    expect(plan.edits.map((e) => [e.after?.kind, e.before])).toEqual([
      ['DestinationRule', undefined],
      ['VirtualService', undefined],
    ]);
  });
});

describe('matchFieldIssues', () => {
  it('takes only the form issue at exactly the path, never an object issue', () => {
    const issues = [
      { path: ['rules', 0, 'name'], code: 'match.rule-name-empty', severity: 'error' as const },
      {
        object: 'VirtualService',
        path: ['rules', 0, 'name'],
        code: 'match.rule-name-empty',
        severity: 'error' as const,
      },
      { path: ['rules', 1, 'name'], code: 'match.rule-name-empty', severity: 'error' as const },
    ];
    expect(matchFieldIssues(issues, ['rules', 0, 'name'])).toEqual([issues[0]]);
    expect(isMatchFormIssue(issues[1])).toBe(false);
  });
});
