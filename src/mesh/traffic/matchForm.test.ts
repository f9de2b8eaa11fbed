import type { HTTPRoute, VirtualService } from '../../models';
import { validateIstioObject } from '../../testing/istioSchemas';
import { isBlocking, issue } from '../issues';
import {
  emptyCondition,
  formFromVirtualService,
  move,
  rulesFromForm,
  subsetsUsed,
  withRuleIds,
} from './matchForm';
import type { MatchFormState, RuleForm } from './matchForm';
import { applyMatchRoutes } from './trafficSplit';
import { validateVirtualService } from './validation';

const NS = 'bookinfo';
const HOST = 'reviews';

const vsWith = (http: HTTPRoute[]): VirtualService => ({
  apiVersion: 'networking.istio.io/v1',
  kind: 'VirtualService',
  metadata: { name: 'reviews', namespace: NS },
  spec: { hosts: [HOST], http },
});

const HEALTH = {
  name: 'health',
  match: [{ uri: { prefix: '/health' } }],
  route: [{ destination: { host: HOST, subset: 'v1' } }],
};
const DEFAULT = { route: [{ destination: { host: HOST, subset: 'v1' } }] };

/** Builds the VS from a form and checks it against the CRD schema and the webhook rules. */
const build = (vs: VirtualService, form: MatchFormState) => {
  const { rules, defaultRoute, problems } = rulesFromForm(form, HOST);
  expect(problems).toEqual([]);
  const out = applyMatchRoutes(vs, rules, defaultRoute);
  for (const version of ['networking.istio.io/v1', 'networking.istio.io/v1beta1']) {
    expect(() => validateIstioObject({ ...out, apiVersion: version })).not.toThrow();
  }
  expect(validateVirtualService(out).filter((i) => isBlocking([i]))).toEqual([]);
  return out;
};

const rule = (over: Partial<RuleForm> = {}): RuleForm => ({
  name: 'jason',
  conditions: [{ kind: 'header', name: 'end-user', op: 'exact', value: 'jason' }],
  destinations: [{ subset: 'v2', weight: '' }],
  ...over,
});

describe('rulesFromForm + applyMatchRoutes', () => {
  it('writes a header rule before the default route and after a hand-written rule', () => {
    const vs = vsWith([HEALTH, DEFAULT]);
    const form = formFromVirtualService(vs, HOST, NS);
    expect(form.defaultRoute).toEqual([{ subset: 'v1', weight: '' }]);
    const out = build(vs, { ...form, rules: [rule()] });
    expect(out.spec.http).toEqual([
      HEALTH,
      {
        name: 'mcp-jason',
        match: [{ headers: { 'end-user': { exact: 'jason' } } }],
        route: [{ destination: { host: HOST, subset: 'v2' } }],
      },
      DEFAULT,
    ]);
  });

  it('turns every condition kind into one AND-ed match block and weights into a split', () => {
    const vs = vsWith([DEFAULT]);
    const form: MatchFormState = {
      rules: [
        rule({
          name: 'beta',
          conditions: [
            // In the order the form reads them back: uri, method, headers, query, labels.
            { kind: 'uri', name: '', op: 'prefix', value: '/api' },
            { kind: 'method', name: '', op: 'exact', value: 'GET' },
            { kind: 'header', name: 'x-group', op: 'regex', value: '^(beta|alpha)-[0-9]+$' },
            { kind: 'query', name: 'preview', op: 'exact', value: 'true' },
            { kind: 'sourceLabel', name: 'app', op: 'exact', value: 'productpage' },
          ],
          destinations: [
            { subset: 'v2', weight: '80' },
            { subset: 'v3', weight: '20' },
          ],
        }),
      ],
      defaultRoute: [
        { subset: 'v1', weight: '90' },
        { subset: 'v2', weight: '10' },
      ],
      defaultLocked: false,
    };
    const out = build(vs, form);
    expect(out.spec.http?.[0]).toEqual({
      name: 'mcp-beta',
      match: [
        {
          headers: { 'x-group': { regex: '^(beta|alpha)-[0-9]+$' } },
          uri: { prefix: '/api' },
          method: { exact: 'GET' },
          queryParams: { preview: { exact: 'true' } },
          sourceLabels: { app: 'productpage' },
        },
      ],
      route: [
        { destination: { host: HOST, subset: 'v2' }, weight: 80 },
        { destination: { host: HOST, subset: 'v3' }, weight: 20 },
      ],
    });
    expect(out.spec.http?.[1].route).toEqual([
      { destination: { host: HOST, subset: 'v1' }, weight: 90 },
      { destination: { host: HOST, subset: 'v2' }, weight: 10 },
    ]);
    expect(subsetsUsed(form).sort()).toEqual(['v1', 'v2', 'v3']);
    // Reading back what was written gives the same form.
    expect(formFromVirtualService(out, HOST, NS)).toEqual(form);
  });

  it('creates a default route on a new VirtualService from the seeded subset', () => {
    const vs = vsWith([]);
    const form = formFromVirtualService(vs, HOST, NS, 'v1');
    const out = build(vs, { ...form, rules: [rule()] });
    expect(out.spec.http?.map((r) => r.name)).toEqual(['mcp-jason', undefined]);
    expect(out.spec.http?.[1]).toEqual({ route: [{ destination: { host: HOST, subset: 'v1' } }] });
  });

  it('keeps reordered rules in the new order', () => {
    const vs = vsWith([DEFAULT]);
    const form: MatchFormState = {
      ...formFromVirtualService(vs, HOST, NS),
      rules: [rule({ name: 'a' }), rule({ name: 'b' })],
    };
    const out = build(vs, { ...form, rules: move(form.rules, 1, -1) });
    expect(out.spec.http?.map((r) => r.name)).toEqual(['mcp-b', 'mcp-a', undefined]);
  });
});

describe('problems', () => {
  const form = (r: RuleForm, defaultRoute = [{ subset: 'v1', weight: '' }]): MatchFormState => ({
    rules: [r],
    defaultRoute,
    defaultLocked: false,
  });
  const problems = (f: MatchFormState) => rulesFromForm(f, HOST).problems;

  it.each([
    ['(?=x)', 'regex.lookaround'],
    ['(a)\\1', 'regex.backreference'],
    ['a{2000}', 'regex.repeat-too-large'],
    ['(unclosed', 'regex.unbalanced-open'],
  ])('refuses the regex %s on its field', (regex, code) => {
    const p = problems(
      form(rule({ conditions: [{ kind: 'header', name: 'x', op: 'regex', value: regex }] })),
    );
    expect(p).toHaveLength(1);
    expect(p[0].path).toEqual(['rules', 0, 'conditions', 0]);
    expect(p[0].code).toBe(code);
  });

  it('checks names, empty values, duplicates, methods and labels', () => {
    const p = problems(
      form(
        rule({
          name: 'Bad Name',
          conditions: [
            { kind: 'header', name: 'bad header', op: 'exact', value: 'x' },
            { kind: 'uri', name: '', op: 'exact', value: '' },
            { kind: 'uri', name: '', op: 'prefix', value: '/a' },
            { kind: 'method', name: '', op: 'exact', value: 'FETCH' },
            { kind: 'query', name: '', op: 'exact', value: '1' },
            { kind: 'sourceLabel', name: 'app', op: 'exact', value: '' },
          ],
        }),
      ),
    );
    const c = (j: number) => ['rules', 0, 'conditions', j];
    expect(p).toEqual([
      issue('match.rule-name-invalid', ['rules', 0, 'name'], { max: 60 }),
      issue('traffic.match.header-name', c(0), { name: 'bad header' }),
      issue('match.value-empty', c(1)),
      issue('match.uri-repeated', c(2)),
      issue('match.method', c(3)),
      issue('match.name-empty', c(4)),
      issue('match.label-value-empty', c(5)),
    ]);
  });

  it('requires a condition, a version, whole weights adding up to 100, and a default route', () => {
    const noCond = problems(form(rule({ conditions: [], destinations: [] }), []));
    expect(noCond).toEqual([
      issue('match.no-conditions', ['rules', 0, 'conditions']),
      issue('match.no-versions', ['rules', 0, 'destinations']),
      issue('match.default-empty', ['default']),
    ]);
    const weights = problems(
      form(
        rule({
          destinations: [
            { subset: 'v1', weight: '50' },
            { subset: 'v2', weight: '40' },
          ],
        }),
        [
          { subset: 'v1', weight: '' },
          { subset: 'v1', weight: '1.5' },
        ],
      ),
    );
    expect(weights).toEqual([
      issue('match.weights-sum', ['rules', 0, 'destinations', 1], { total: 90 }),
      issue('match.weight-missing', ['default', 0]),
      issue('match.version-twice', ['default', 1], { subset: 'v1' }),
      issue('match.weight-range', ['default', 1]),
    ]);
  });

  it('refuses two rules with the same name', () => {
    const p = rulesFromForm(
      {
        rules: [rule(), rule()],
        defaultRoute: [{ subset: 'v1', weight: '' }],
        defaultLocked: false,
      },
      HOST,
    ).problems;
    expect(p).toEqual([issue('match.rule-name-taken', ['rules', 1, 'name'], { name: 'jason' })]);
  });

  it('starts a new condition empty', () => {
    expect(emptyCondition('uri')).toEqual({ kind: 'uri', name: '', op: 'exact', value: '' });
  });
});

describe('formFromVirtualService', () => {
  it('locks owned rules and a default route it cannot show, and writes them back unchanged', () => {
    const ored = {
      name: 'mcp-either',
      match: [{ uri: { exact: '/a' } }, { uri: { exact: '/b' } }],
      route: [{ destination: { host: HOST, subset: 'v2' } }],
      timeout: '3s',
    };
    const elsewhere = { route: [{ destination: { host: 'ratings', subset: 'v1' }, weight: 100 }] };
    const vs = vsWith([ored, elsewhere]);
    const form = formFromVirtualService(vs, HOST, NS);
    expect(form.rules[0].locked).toEqual(ored);
    expect(form.defaultLocked).toBe(true);
    const out = build(vs, form);
    expect(out).toEqual(vs);
  });

  it('treats a FQDN destination host as the service', () => {
    const vs = vsWith([
      { route: [{ destination: { host: 'reviews.bookinfo.svc.cluster.local', subset: 'v1' } }] },
    ]);
    expect(formFromVirtualService(vs, HOST, NS).defaultRoute).toEqual([
      { subset: 'v1', weight: '' },
    ]);
  });
});

describe('withRuleIds', () => {
  it('gives every rule a distinct id that moves with it and is never written', () => {
    const vs = vsWith([DEFAULT]);
    const form = withRuleIds({
      ...formFromVirtualService(vs, HOST, NS),
      rules: [rule(), rule({ name: 'b' })],
    });
    const ids = form.rules.map((r) => r.id);
    expect(new Set(ids).size).toBe(2);
    expect(ids.every((id) => typeof id === 'string' && id !== '')).toBe(true);
    expect(withRuleIds(form)).toBe(form);
    expect(move(form.rules, 1, -1).map((r) => r.id)).toEqual([ids[1], ids[0]]);
    const out = build(vs, form);
    expect(JSON.stringify(out)).not.toContain(String(ids[0]));
  });
});
