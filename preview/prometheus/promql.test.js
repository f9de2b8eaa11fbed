'use strict';
// The parser: the builders' constructs parse as Prometheus reads them, strings and regexes
// unescape and anchor as PromQL's do, and anything else is refused by name.
const { describe, expect, it } = require('@jest/globals');
const { format, injectMatcher, matches, parse } = require('./promql');

const selectorOf = (q) => {
  let n = parse(q);
  while (n.type !== 'selector') n = n.expr ?? n.args?.[n.args.length - 1] ?? n.lhs;
  return n;
};
const matcher = (q, name) => selectorOf(q).matchers.find((m) => m.name === name);

describe('strings and matchers', () => {
  it('unescapes Go string escapes in double and single quotes; backticks are raw', () => {
    const m = selectorOf(
      String.raw`x{a="we\"ird\\name\nx", b='it\'s', c="\x41\u00e9\101", d=` + '`a\\nb`}',
    ).matchers;
    expect(m.map((x) => x.value)).toEqual(['x', 'we"ird\\name\nx', "it's", 'AéA', 'a\\nb']);
  });

  it('refuses unknown escapes and unterminated strings', () => {
    expect(() => parse(String.raw`x{a="\q"}`)).toThrow('unknown escape sequence');
    expect(() => parse('x{a="open}')).toThrow('unterminated quoted string');
  });

  it('anchors regexes: =~ matches the whole value, an absent label is ""', () => {
    const fivexx = matcher('x{reporter="destination",response_code=~"5.."}', 'response_code');
    expect(matches(fivexx, '503')).toBe(true);
    expect(matches(fivexx, '5030')).toBe(false);
    expect(matches(fivexx, '200')).toBe(false);
    const notOk = matcher(
      'x{request_protocol="grpc",grpc_response_status!~"0|"}',
      'grpc_response_status',
    );
    expect(matches(notOk, undefined)).toBe(false);
    expect(matches(notOk, '0')).toBe(false);
    expect(matches(notOk, '14')).toBe(true);
    const dot = matcher(String.raw`x{v=~"v1\\.2"}`, 'v');
    expect([matches(dot, 'v1.2'), matches(dot, 'v1x2')]).toEqual([true, false]);
  });

  it('needs one matcher that does not match the empty string', () => {
    expect(() => parse('{a=~".*"}')).toThrow('at least one non-empty matcher');
    expect(() => parse('{a!="x"}')).toThrow('at least one non-empty matcher');
    expect(parse('{__name__="x"}').type).toBe('selector');
  });
});

describe('expressions', () => {
  it('parses what the builders write, with PromQL precedence', () => {
    const q =
      '100 * (sum by (v) (rate(a{x="1"}[120s])) or sum by (v) (rate(b[2m])) * 0) / sum by (v) (rate(b[2m]))';
    const ast = parse(q);
    expect(ast).toMatchObject({ type: 'binary', op: '/', lhs: { type: 'binary', op: '*' } });
    const inner = ast.lhs.rhs.expr;
    expect(inner).toMatchObject({ op: 'or', rhs: { type: 'binary', op: '*' } });
    expect(format(ast)).toBe(
      '100 * (sum by (v) (rate(a{x="1"}[2m])) or sum by (v) (rate(b[2m])) * 0) / sum by (v) (rate(b[2m]))',
    );
  });

  it('takes grouping before or after, trailing commas, keywords in any case and compound ranges', () => {
    expect(format(parse('SUM(rate(a{b="c",}[1h30m])) BY (x,)'))).toBe(
      'sum by (x) (rate(a{b="c"}[1h30m]))',
    );
    expect(parse('histogram_quantile(0.95, sum by (le) (rate(x_bucket[5m])))').vt).toBe('vector');
    expect(parse('-1 + 2 * 3').vt).toBe('scalar');
    expect(parse('NaN').value).toBeNaN();
    expect(parse('a[5m]')).toMatchObject({ type: 'selector', range: 300000, vt: 'matrix' });
  });

  it.each([
    ['irate(a[5m])', 'function "irate"'],
    ['avg(a)', 'aggregation "avg"'],
    ['topk(3, a)', 'aggregation "topk"'],
    ['a and b', 'operator "and"'],
    ['a unless b', 'operator "unless"'],
    ['a > 1', 'operator ">"'],
    ['a % 2', 'operator "%"'],
    ['a ^ 2', 'operator "^"'],
    ['a + on(x) b', '"on" modifier'],
    ['a / ignoring(x) b', '"ignoring" modifier'],
    ['a == bool b', 'operator "=="'],
    ['a offset 5m', '"offset" modifier'],
    ['a @ 100', '"@" modifier'],
    ['rate(a[5m:1m])', 'subquery'],
    ['"text"', 'string literal'],
    ['sum(a, b)', 'parameter of "sum"'],
  ])('refuses %s naming %s', (q, what) => {
    expect(() => parse(q)).toThrow(`unsupported by the preview's stand-in Prometheus: ${what}`);
  });

  it.each([
    ['', 'no expression found in input'],
    ['rate(a)', 'expected type range vector in call to function "rate", got instant vector'],
    ['sum(a[5m])', 'expected type instant vector in aggregation expression, got range vector'],
    ['a[5m] + 1', 'binary expression must contain only scalar and instant vector types'],
    ['1 or 2', 'set operator "or" not allowed in binary scalar expression'],
    ['histogram_quantile(0.5)', 'expected 2 argument(s)'],
    ['a{b="c"', 'unexpected end of input'],
    ['x{__name__="y"}', 'metric name must not be set twice'],
  ])('gives a parse error for %j', (q, msg) => {
    expect(() => parse(q)).toThrow(msg);
  });
});

describe('the tenancy proxy’s namespace matcher', () => {
  it('goes on every selector, replacing a matcher that agrees with it', () => {
    const ast = injectMatcher(
      parse('sum(rate(a{namespace="bookinfo"}[5m])) or rate(b{namespace=~"book.*"}[1m]) * 2'),
      'namespace',
      'bookinfo',
    );
    expect(format(ast)).toBe(
      'sum by () (rate(a{namespace="bookinfo"}[5m])) or rate(b{namespace="bookinfo"}[1m]) * 2',
    );
  });

  it('refuses one that selects another namespace, as prom-label-proxy --error-on-replace does', () => {
    expect(() =>
      injectMatcher(parse('a{namespace="istio-system"}'), 'namespace', 'bookinfo'),
    ).toThrow(
      'conflicting label matcher: label matcher "namespace=\\"istio-system\\"" conflicts with injected matcher "namespace=\\"bookinfo\\""',
    );
    expect(() => injectMatcher(parse('a{namespace!="bookinfo"}'), 'namespace', 'bookinfo')).toThrow(
      'conflicting label matcher',
    );
  });
});
