'use strict';
// A tokenizer and recursive-descent parser for the PromQL subset the plugin's query builders
// produce (see README.md). Anything outside it is refused with a PromQLError that names the
// construct, so a query the stand-in cannot answer fails loudly instead of answering wrongly.

class PromQLError extends Error {
  /** @param {'bad_data'|'execution'} type Prometheus' errorType */
  constructor(message, type = 'bad_data') {
    super(message);
    this.type = type;
  }
}

const unsupported = (what, pos) =>
  new PromQLError(
    `unsupported by the preview's stand-in Prometheus: ${what}${pos ? ` (at ${pos})` : ''}`,
  );

const SUPPORTED_FUNCTIONS = {
  rate: ['matrix'],
  increase: ['matrix'],
  histogram_quantile: ['scalar', 'vector'],
};
const SUPPORTED_AGGREGATIONS = new Set(['sum', 'max', 'min', 'count']);
const OTHER_AGGREGATIONS = new Set([
  'avg',
  'group',
  'stddev',
  'stdvar',
  'topk',
  'bottomk',
  'quantile',
  'count_values',
  'limitk',
  'limit_ratio',
]);
const DURATION_UNITS = {
  ms: 1,
  s: 1e3,
  m: 60e3,
  h: 3600e3,
  d: 86400e3,
  w: 604800e3,
  y: 31536000e3,
};

// ------------------------------------------------------------------------------------------
// Tokens

const isIdentStart = (c) => /[a-zA-Z_:]/.test(c);
const isIdentPart = (c) => /[a-zA-Z0-9_:]/.test(c);

/** Go's string escapes, as PromQL strings use them. */
const unquote = (body, quote, pos) => {
  if (quote === '`') return body;
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c !== '\\') {
      out += c;
      continue;
    }
    const n = body[++i];
    const simple = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\' };
    if (n in simple) out += simple[n];
    else if (n === quote) out += n;
    else if (n === 'x' || n === 'u' || n === 'U') {
      const len = { x: 2, u: 4, U: 8 }[n];
      const hex = body.slice(i + 1, i + 1 + len);
      if (!new RegExp(`^[0-9a-fA-F]{${len}}$`).test(hex))
        throw new PromQLError(`${pos}: parse error: invalid escape sequence in string`);
      out += String.fromCodePoint(parseInt(hex, 16));
      i += len;
    } else if (/[0-7]/.test(n)) {
      const oct = body.slice(i, i + 3);
      if (!/^[0-7]{3}$/.test(oct))
        throw new PromQLError(`${pos}: parse error: invalid escape sequence in string`);
      out += String.fromCharCode(parseInt(oct, 8));
      i += 2;
    } else {
      throw new PromQLError(`${pos}: parse error: unknown escape sequence in string`);
    }
  }
  return out;
};

const OPERATORS = ['!=', '!~', '=~', '==', '<=', '>=', '(', ')', '{', '}', '[', ']', ','];
const SINGLE = ['=', '+', '-', '*', '/', '%', '^', '<', '>', '@', ':'];

/** Tokens: {t: 'ident'|'number'|'duration'|'string'|'op'|'eof', v, pos: "line:col"}. */
const tokenize = (input) => {
  const tokens = [];
  let line = 1;
  let lineStart = 0;
  let bracket = false; // inside [...]: durations, not numbers
  const posOf = (i) => `${line}:${i - lineStart + 1}`;
  let i = 0;
  while (i < input.length) {
    const c = input[i];
    if (c === '\n') {
      line++;
      lineStart = ++i;
      continue;
    }
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '#') {
      while (i < input.length && input[i] !== '\n') i++;
      continue;
    }
    const pos = posOf(i);
    if (c === '"' || c === "'" || c === '`') {
      let j = i + 1;
      while (j < input.length && input[j] !== c) {
        if (input[j] === '\\' && c !== '`') j++;
        if (input[j] === '\n' && c !== '`')
          throw new PromQLError(`${pos}: parse error: unterminated quoted string`);
        j++;
      }
      if (j >= input.length)
        throw new PromQLError(`${pos}: parse error: unterminated quoted string`);
      tokens.push({ t: 'string', v: unquote(input.slice(i + 1, j), c, pos), pos });
      i = j + 1;
      continue;
    }
    const prev = tokens[tokens.length - 1];
    const afterOffset = prev?.t === 'ident' && prev.v.toLowerCase() === 'offset';
    if ((bracket || afterOffset) && /[0-9]/.test(c)) {
      const m = /^(?:[0-9]+(?:ms|[smhdwy]))+/.exec(input.slice(i));
      if (m) {
        let ms = 0;
        for (const [, n, u] of m[0].matchAll(/([0-9]+)(ms|[smhdwy])/g))
          ms += Number(n) * DURATION_UNITS[u];
        tokens.push({ t: 'duration', v: ms, text: m[0], pos });
        i += m[0].length;
        continue;
      }
    }
    const num = /^(?:0[xX][0-9a-fA-F]+|(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?)/.exec(
      input.slice(i),
    );
    if (num && /[0-9.]/.test(c)) {
      if (input[i + num[0].length] && isIdentPart(input[i + num[0].length])) {
        // e.g. "5m" outside a range: a duration where PromQL wants a number.
        throw unsupported(`duration "${/^[0-9a-zA-Z_]+/.exec(input.slice(i))[0]}" here`, pos);
      }
      tokens.push({ t: 'number', v: Number(num[0]), pos });
      i += num[0].length;
      continue;
    }
    if (isIdentStart(c) && !(bracket && c === ':')) {
      let j = i + 1;
      while (j < input.length && isIdentPart(input[j])) j++;
      tokens.push({ t: 'ident', v: input.slice(i, j), pos });
      i = j;
      continue;
    }
    const two = input.slice(i, i + 2);
    const op = OPERATORS.includes(two) ? two : OPERATORS.includes(c) || SINGLE.includes(c) ? c : '';
    if (!op) throw new PromQLError(`${pos}: parse error: unexpected character: '${c}'`);
    if (op === '[') bracket = true;
    if (op === ']') bracket = false;
    tokens.push({ t: 'op', v: op, pos });
    i += op.length;
  }
  tokens.push({ t: 'eof', v: '', pos: posOf(i) });
  return tokens;
};

// ------------------------------------------------------------------------------------------
// Regex matchers: RE2 syntax, anchored as Prometheus 2.x anchors them ("^(?:re)$", no flags).

const compileRegex = (src, pos) => {
  let flags = '';
  let body = src;
  // RE2's leading inline flags; JavaScript has only the flag argument for them.
  const inline = /^\(\?([imsU]+)\)/.exec(body);
  if (inline) {
    if (/[U]/.test(inline[1])) throw unsupported(`regex flag in "${src}"`, pos);
    flags = inline[1];
    body = body.slice(inline[0].length);
  }
  if (/\(\?P?</.test(body) || /\\[zApPQE]|\[\[:/.test(body))
    throw unsupported(`RE2 syntax JavaScript lacks in "${src}"`, pos);
  try {
    return new RegExp(`^(?:${body})$`, flags);
  } catch (e) {
    throw new PromQLError(`${pos}: parse error: error parsing regexp: ${e.message}`);
  }
};

/** A label value against a matcher (an absent label is the empty string). */
const matches = (m, value = '') => {
  switch (m.op) {
    case '=':
      return value === m.value;
    case '!=':
      return value !== m.value;
    case '=~':
      return m.re.test(value);
    default:
      return !m.re.test(value);
  }
};

const makeMatcher = (name, op, value, pos) => ({
  name,
  op,
  value,
  ...(op === '=~' || op === '!~' ? { re: compileRegex(value, pos) } : {}),
});

// ------------------------------------------------------------------------------------------
// Parser

const typeName = { scalar: 'scalar', vector: 'instant vector', matrix: 'range vector' };

const parse = (input) => {
  const tokens = tokenize(input);
  let k = 0;
  const peek = (o = 0) => tokens[k + o];
  const next = () => tokens[k++];
  const isOp = (v, o = 0) => peek(o).t === 'op' && peek(o).v === v;
  const isWord = (v, o = 0) => peek(o).t === 'ident' && peek(o).v.toLowerCase() === v;
  const fail = (tok, msg) => new PromQLError(`${tok.pos}: parse error: ${msg}`);
  const describe = (tok) => (tok.t === 'eof' ? 'end of input' : `"${tok.text ?? tok.v}"`);
  const expect = (v) => {
    const tok = next();
    if (tok.t !== 'op' || tok.v !== v) throw fail(tok, `unexpected ${describe(tok)}, want "${v}"`);
    return tok;
  };

  const checkType = (node, want, where, tok) => {
    if (node.vt !== want)
      throw fail(tok, `expected type ${typeName[want]} in ${where}, got ${typeName[node.vt]}`);
  };

  // Binary operators, loosest first; those the stand-in does not evaluate are refused by name.
  const binaryLevel = (level) => {
    const ops = [['or'], ['+', '-'], ['*', '/']][level];
    if (!ops) return unary();
    let lhs = binaryLevel(level + 1);
    for (;;) {
      const tok = peek();
      const word = tok.t === 'ident' ? tok.v.toLowerCase() : undefined;
      if (word === 'and' || word === 'unless') throw unsupported(`operator "${word}"`, tok.pos);
      if (tok.t === 'op' && ['==', '!=', '<', '>', '<=', '>=', '%', '^'].includes(tok.v))
        throw unsupported(`operator "${tok.v}"`, tok.pos);
      const op = word === 'or' ? 'or' : tok.t === 'op' ? tok.v : undefined;
      if (!ops.includes(op)) return lhs;
      next();
      for (const mod of ['bool', 'on', 'ignoring', 'group_left', 'group_right']) {
        if (isWord(mod)) throw unsupported(`"${mod}" modifier`, peek().pos);
      }
      const rhs = binaryLevel(level + 1);
      for (const side of [lhs, rhs]) {
        if (side.vt === 'matrix')
          throw fail(tok, 'binary expression must contain only scalar and instant vector types');
      }
      if (op === 'or' && (lhs.vt !== 'vector' || rhs.vt !== 'vector'))
        throw fail(tok, 'set operator "or" not allowed in binary scalar expression');
      const vt = lhs.vt === 'scalar' && rhs.vt === 'scalar' ? 'scalar' : 'vector';
      lhs = { type: 'binary', op, lhs, rhs, vt, pos: tok.pos };
    }
  };

  const unary = () => {
    if (isOp('-') || isOp('+')) {
      const tok = next();
      const expr = unary();
      if (expr.vt === 'matrix')
        throw fail(
          tok,
          'unary expression only allowed on expressions of type scalar or instant vector',
        );
      if (tok.v === '+') return expr;
      if (expr.type === 'number') return { ...expr, value: -expr.value };
      return { type: 'unary', op: '-', expr, vt: expr.vt, pos: tok.pos };
    }
    return postfix();
  };

  const postfix = () => {
    let node = primary();
    if (isOp('[')) {
      const open = next();
      if (node.type !== 'selector' || node.range !== undefined) {
        throw unsupported(
          isOp(':', 1) || isOp(':') ? 'subquery' : 'range on a non-selector',
          open.pos,
        );
      }
      const d = next();
      if (d.t !== 'duration') throw fail(d, `unexpected ${describe(d)} in range, want duration`);
      if (isOp(':')) throw unsupported('subquery', open.pos);
      expect(']');
      node = { ...node, range: d.v, rangeText: d.text, vt: 'matrix' };
    }
    if (isWord('offset')) throw unsupported('"offset" modifier', peek().pos);
    if (isOp('@')) throw unsupported('"@" modifier', peek().pos);
    if (isOp('[')) throw unsupported('subquery', peek().pos);
    return node;
  };

  const grouping = () => {
    const tok = next(); // by | without
    const without = tok.v.toLowerCase() === 'without';
    expect('(');
    const labels = [];
    while (!isOp(')')) {
      const l = next();
      if (l.t !== 'ident' || !/^[a-zA-Z_][a-zA-Z0-9_]*$/.test(l.v))
        throw fail(l, `unexpected ${describe(l)} in grouping opts, expected label`);
      labels.push(l.v);
      if (!isOp(',')) break;
      next();
    }
    expect(')');
    return { without, labels };
  };

  const aggregation = () => {
    const tok = next();
    const op = tok.v.toLowerCase();
    let g;
    if (isWord('by') || isWord('without')) g = grouping();
    expect('(');
    const expr = expression();
    if (isOp(',')) throw unsupported(`parameter of "${op}"`, peek().pos);
    expect(')');
    if (isWord('by') || isWord('without')) {
      if (g) throw fail(peek(), 'duplicated grouping opts');
      g = grouping();
    }
    checkType(expr, 'vector', 'aggregation expression', tok);
    return {
      type: 'aggregate',
      op,
      without: g?.without ?? false,
      grouping: g?.labels ?? [],
      expr,
      vt: 'vector',
      pos: tok.pos,
    };
  };

  const call = () => {
    const tok = next();
    const name = tok.v;
    const sig = SUPPORTED_FUNCTIONS[name];
    if (!sig) throw unsupported(`function "${name}"`, tok.pos);
    expect('(');
    const args = [];
    while (!isOp(')')) {
      args.push(expression());
      if (!isOp(',')) break;
      next();
    }
    expect(')');
    if (args.length !== sig.length) {
      throw fail(
        tok,
        `expected ${sig.length} argument(s) in call to "${name}", got ${args.length}`,
      );
    }
    args.forEach((a, i) => checkType(a, sig[i], `call to function "${name}"`, tok));
    return { type: 'call', func: name, args, vt: 'vector', pos: tok.pos };
  };

  const selector = () => {
    const tok = peek();
    let name;
    if (tok.t === 'ident') name = next().v;
    const matchers = name ? [makeMatcher('__name__', '=', name, tok.pos)] : [];
    if (isOp('{')) {
      next();
      while (!isOp('}')) {
        const l = next();
        if (l.t !== 'ident' || !/^[a-zA-Z_][a-zA-Z0-9_]*$/.test(l.v))
          throw fail(l, `unexpected ${describe(l)} in label matching, expected label`);
        const op = next();
        if (op.t !== 'op' || !['=', '!=', '=~', '!~'].includes(op.v))
          throw fail(
            op,
            `unexpected ${describe(op)} in label matching, expected label matching operator`,
          );
        const v = next();
        if (v.t !== 'string')
          throw fail(v, `unexpected ${describe(v)} in label matching, expected string`);
        if (l.v === '__name__' && name)
          throw fail(l, `metric name must not be set twice: "${name}"`);
        matchers.push(makeMatcher(l.v, op.v, v.v, v.pos));
        if (!isOp(',')) break;
        next();
      }
      expect('}');
    } else if (!name) {
      throw fail(tok, `unexpected ${describe(tok)}`);
    }
    if (!matchers.some((m) => !matches(m, '')))
      throw fail(tok, 'vector selector must contain at least one non-empty matcher');
    return { type: 'selector', matchers, vt: 'vector', pos: tok.pos };
  };

  const primary = () => {
    const tok = peek();
    if (tok.t === 'number') {
      next();
      return { type: 'number', value: tok.v, vt: 'scalar', pos: tok.pos };
    }
    if (tok.t === 'string') throw unsupported('string literal', tok.pos);
    if (tok.t === 'duration') throw fail(tok, `unexpected duration ${describe(tok)}`);
    if (isOp('(')) {
      next();
      const expr = expression();
      expect(')');
      return { type: 'paren', expr, vt: expr.vt, pos: tok.pos };
    }
    if (isOp('{')) return selector();
    if (tok.t === 'ident') {
      const word = tok.v.toLowerCase();
      if ((word === 'inf' || word === 'nan') && !isOp('{', 1) && !isOp('(', 1)) {
        next();
        return {
          type: 'number',
          value: word === 'inf' ? Infinity : NaN,
          vt: 'scalar',
          pos: tok.pos,
        };
      }
      const aggregates = isOp('(', 1) || isWord('by', 1) || isWord('without', 1);
      if (SUPPORTED_AGGREGATIONS.has(word) && aggregates) return aggregation();
      if (OTHER_AGGREGATIONS.has(word) && aggregates)
        throw unsupported(`aggregation "${word}"`, tok.pos);
      if (isOp('(', 1)) return call();
      return selector();
    }
    throw fail(tok, `unexpected ${describe(tok)}`);
  };

  const expression = () => binaryLevel(0);

  if (peek().t === 'eof') throw new PromQLError('1:1: parse error: no expression found in input');
  const root = expression();
  if (peek().t !== 'eof') throw fail(peek(), `unexpected ${describe(peek())}`);
  return root;
};

// ------------------------------------------------------------------------------------------
// Printing (what prom-label-proxy does after injecting its matcher) and injection.

const quote = (s) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;

const formatNumber = (v) =>
  Number.isNaN(v) ? 'NaN' : v === Infinity ? 'Inf' : v === -Infinity ? '-Inf' : String(v);

const formatRange = (ms) => {
  let rest = ms;
  let out = '';
  for (const [u, n] of [
    ['y', 31536000e3],
    ['w', 604800e3],
    ['d', 86400e3],
    ['h', 3600e3],
    ['m', 60e3],
    ['s', 1e3],
    ['ms', 1],
  ]) {
    if (rest >= n) {
      out += `${Math.floor(rest / n)}${u}`;
      rest %= n;
    }
  }
  return out || '0s';
};

/** PromQL text for an AST: parse(format(x)) evaluates as x. */
const format = (node) => {
  switch (node.type) {
    case 'number':
      return formatNumber(node.value);
    case 'paren':
      return `(${format(node.expr)})`;
    case 'unary':
      return `-${format(node.expr)}`;
    case 'binary':
      return `${format(node.lhs)} ${node.op} ${format(node.rhs)}`;
    case 'call':
      return `${node.func}(${node.args.map(format).join(', ')})`;
    case 'aggregate':
      return `${node.op} ${node.without ? 'without' : 'by'} (${node.grouping.join(', ')}) (${format(node.expr)})`;
    case 'selector': {
      const name = node.matchers.find((m) => m.name === '__name__' && m.op === '=');
      const rest = node.matchers.filter((m) => m !== name);
      const inner = rest.map((m) => `${m.name}${m.op}${quote(m.value)}`).join(', ');
      const sel = `${name ? name.value : ''}${inner || !name ? `{${inner}}` : ''}`;
      return node.range === undefined ? sel : `${sel}[${formatRange(node.range)}]`;
    }
    default:
      throw new Error(`cannot print ${node.type}`);
  }
};

/**
 * prom-label-proxy's enforcement with --error-on-replace, for an injected `label="value"`:
 * every selector gets the matcher; an existing matcher on that label that could select
 * another value is a conflict (400), a compatible one is dropped.
 */
const injectMatcher = (node, label, value) => {
  const injected = makeMatcher(label, '=', value);
  const walk = (n) => {
    switch (n.type) {
      case 'selector': {
        const kept = [];
        for (const m of n.matchers) {
          if (m.name !== label) {
            kept.push(m);
            continue;
          }
          const ok =
            m.op === '='
              ? m.value === value
              : m.op === '!='
                ? m.value !== value
                : matches(m, value);
          if (!ok) {
            const q = (s) => JSON.stringify(s);
            throw new PromQLError(
              `conflicting label matcher: label matcher ${q(`${m.name}${m.op}${quote(m.value)}`)} conflicts with injected matcher ${q(`${label}=${quote(value)}`)}`,
              'prom-label-proxy',
            );
          }
        }
        return { ...n, matchers: [...kept, injected] };
      }
      case 'paren':
      case 'unary':
      case 'aggregate':
        return { ...n, expr: walk(n.expr) };
      case 'binary':
        return { ...n, lhs: walk(n.lhs), rhs: walk(n.rhs) };
      case 'call':
        return { ...n, args: n.args.map(walk) };
      default:
        return n;
    }
  };
  return walk(node);
};

module.exports = { parse, format, injectMatcher, matches, PromQLError, tokenize, DURATION_UNITS };
