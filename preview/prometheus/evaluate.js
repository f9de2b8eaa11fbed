'use strict';
// Evaluates a parsed PromQL expression (promql.js) over a storage of float series, the way
// Prometheus 2.42's engine does it for the same subset (promql/engine.go, functions.go,
// quantile.go): every node is evaluated over all steps at once, range selectors include both
// ends, plain selectors look back 5 minutes, and the result is rendered as the HTTP API's JSON.
const { PromQLError } = require('./promql');

const LOOKBACK_MS = 5 * 60 * 1000;

const execError = (msg) => new PromQLError(msg, 'execution');

// ------------------------------------------------------------------------------------------
// Labels: plain objects; a canonical key for maps and a sort order like labels.Compare.

const keyCache = new WeakMap();
const keyOf = (labels) => {
  let k = keyCache.get(labels);
  if (k === undefined) {
    k = JSON.stringify(
      Object.keys(labels)
        .sort()
        .map((n) => [n, labels[n]]),
    );
    keyCache.set(labels, k);
  }
  return k;
};

const without = (labels, names) => {
  const out = {};
  for (const n of Object.keys(labels)) if (!names.includes(n)) out[n] = labels[n];
  return out;
};
const dropName = (labels) => ('__name__' in labels ? without(labels, ['__name__']) : labels);

/**
 * A label transformation for one node: computed once per input label set, and the same object
 * for equal results, so keys are computed once per series rather than once per step.
 */
const deriver = (fn) => {
  const byInput = new WeakMap();
  const byKey = new Map();
  return (labels) => {
    let out = byInput.get(labels);
    if (!out) {
      const derived = fn(labels);
      const k = keyOf(derived);
      out = byKey.get(k);
      if (!out) {
        out = derived;
        byKey.set(k, out);
      }
      byInput.set(labels, out);
    }
    return out;
  };
};

const compareLabels = (a, b) => {
  const an = Object.keys(a).sort();
  const bn = Object.keys(b).sort();
  for (let i = 0; i < Math.min(an.length, bn.length); i++) {
    if (an[i] !== bn[i]) return an[i] < bn[i] ? -1 : 1;
    if (a[an[i]] !== b[bn[i]]) return a[an[i]] < b[bn[i]] ? -1 : 1;
  }
  return an.length - bn.length;
};

const labelString = (labels) =>
  `{${Object.keys(labels)
    .sort()
    .map((n) => `${n}=${JSON.stringify(labels[n])}`)
    .join(', ')}}`;

const assertUnique = (vector) => {
  const seen = new Set();
  for (const s of vector) {
    const k = keyOf(s.labels);
    if (seen.has(k)) throw execError('vector cannot contain metrics with the same labelset');
    seen.add(k);
  }
};

// ------------------------------------------------------------------------------------------
// Samples: ascending [t (ms), v] pairs.

/** First index with t >= ms. */
const lowerBound = (samples, ms) => {
  let lo = 0;
  let hi = samples.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (samples[mid][0] < ms) lo = mid + 1;
    else hi = mid;
  }
  return lo;
};
/** First index with t > ms. */
const upperBound = (samples, ms) => {
  let lo = 0;
  let hi = samples.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (samples[mid][0] <= ms) lo = mid + 1;
    else hi = mid;
  }
  return lo;
};

/** Prometheus' extrapolatedRate (2.42) over the samples of [rangeStart, rangeEnd]. */
const extrapolatedRate = (points, rangeStart, rangeEnd, isRate) => {
  if (points.length < 2) return undefined;
  const first = points[0];
  const last = points[points.length - 1];
  let result = last[1] - first[1];
  let prev = first[1];
  for (let i = 1; i < points.length; i++) {
    // A drop is a counter reset: the counter restarted from 0 and reached this value.
    if (points[i][1] < prev) result += prev;
    prev = points[i][1];
  }
  let durationToStart = (first[0] - rangeStart) / 1000;
  const durationToEnd = (rangeEnd - last[0]) / 1000;
  const sampledInterval = (last[0] - first[0]) / 1000;
  const averageDurationBetweenSamples = sampledInterval / (points.length - 1);
  if (result > 0 && first[1] >= 0) {
    // A counter cannot go below zero: do not extrapolate past the point where it was 0.
    const durationToZero = sampledInterval * (first[1] / result);
    if (durationToZero < durationToStart) durationToStart = durationToZero;
  }
  const threshold = averageDurationBetweenSamples * 1.1;
  let extrapolateToInterval = sampledInterval;
  extrapolateToInterval +=
    durationToStart < threshold ? durationToStart : averageDurationBetweenSamples / 2;
  extrapolateToInterval +=
    durationToEnd < threshold ? durationToEnd : averageDurationBetweenSamples / 2;
  let factor = extrapolateToInterval / sampledInterval;
  if (isRate) factor /= (rangeEnd - rangeStart) / 1000;
  return result * factor;
};

/** Go's strconv.ParseFloat for an `le` value; undefined where it fails. */
const parseGoFloat = (s) => {
  const inf = /^([+-]?)(inf|infinity)$/i.exec(s);
  if (inf) return inf[1] === '-' ? -Infinity : Infinity;
  if (/^[+-]?nan$/i.test(s)) return NaN;
  if (/^[+-]?(\d+(_?\d)*\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) return Number(s.replace(/_/g, ''));
  return undefined;
};

/** Prometheus' bucketQuantile (promql/quantile.go, 2.42). buckets: [{upperBound, count}]. */
const bucketQuantile = (q, input) => {
  if (Number.isNaN(q)) return NaN;
  if (q < 0) return -Infinity;
  if (q > 1) return Infinity;
  let buckets = [...input].sort((a, b) => a.upperBound - b.upperBound);
  if (buckets[buckets.length - 1].upperBound !== Infinity) return NaN;
  // Coalesce buckets with the same bound.
  const merged = [];
  for (const b of buckets) {
    const last = merged[merged.length - 1];
    if (last && last.upperBound === b.upperBound) last.count += b.count;
    else merged.push({ ...b });
  }
  buckets = merged;
  // Make counts monotonic (they can dip when series are scraped at different times).
  let max = buckets[0].count;
  for (let i = 1; i < buckets.length; i++) {
    if (buckets[i].count > max) max = buckets[i].count;
    else if (buckets[i].count < max) buckets[i].count = max;
  }
  if (buckets.length < 2) return NaN;
  const observations = buckets[buckets.length - 1].count;
  if (observations === 0) return NaN;
  let rank = q * observations;
  let b = buckets.length - 1;
  for (let i = 0; i < buckets.length - 1; i++) {
    if (buckets[i].count >= rank) {
      b = i;
      break;
    }
  }
  if (b === buckets.length - 1) return buckets[buckets.length - 2].upperBound;
  if (b === 0 && buckets[0].upperBound <= 0) return buckets[0].upperBound;
  let bucketStart = 0;
  const bucketEnd = buckets[b].upperBound;
  let count = buckets[b].count;
  if (b > 0) {
    bucketStart = buckets[b - 1].upperBound;
    count -= buckets[b - 1].count;
    rank -= buckets[b - 1].count;
  }
  return bucketStart + (bucketEnd - bucketStart) * (rank / count);
};

const arith = (op, a, b) => {
  switch (op) {
    case '+':
      return a + b;
    case '-':
      return a - b;
    case '*':
      return a * b;
    default:
      return a / b;
  }
};

// ------------------------------------------------------------------------------------------
// The evaluator: every node gives one value per step (a number, or a vector of
// {labels, value}).

/**
 * @param {object} ast from promql.parse
 * @param {{select: (matchers: object[], mint: number, maxt: number) =>
 *   {labels: object, samples: [number, number][]}[]}} storage
 * @param {{start: number, end: number, step: number}} range in ms; an instant query has
 *   start === end
 * @returns {{type: 'scalar'|'vector'|'matrix', steps: number[], values: any[]}}
 */
const evaluate = (ast, storage, { start, end, step = 1 }) => {
  const steps = [];
  for (let ts = start; ts <= end; ts += step) steps.push(ts);

  const select = (node, before) => storage.select(node.matchers, start - before, end);

  const evalNode = (node) => {
    switch (node.type) {
      case 'number':
        return steps.map(() => node.value);
      case 'paren':
        return evalNode(node.expr);
      case 'unary': {
        const v = evalNode(node.expr);
        if (node.vt === 'scalar') return v.map((x) => -x);
        const drop = deriver(dropName);
        return v.map((vec) => {
          const out = vec.map((s) => ({ labels: drop(s.labels), value: -s.value }));
          assertUnique(out);
          return out;
        });
      }
      case 'selector': {
        if (node.range !== undefined) throw new Error('range selector outside a function');
        const series = select(node, LOOKBACK_MS);
        return steps.map((ts) => {
          const out = [];
          for (const s of series) {
            const i = upperBound(s.samples, ts) - 1;
            if (i >= 0 && s.samples[i][0] >= ts - LOOKBACK_MS)
              out.push({ labels: s.labels, value: s.samples[i][1] });
          }
          return out;
        });
      }
      case 'call':
        return node.func === 'histogram_quantile' ? histogramQuantile(node) : rangeFunction(node);
      case 'aggregate': {
        const groupOf = deriver((l) => {
          if (node.without) return without(l, [...node.grouping, '__name__']);
          const out = {};
          for (const n of node.grouping) if (l[n]) out[n] = l[n];
          return out;
        });
        return evalNode(node.expr).map((vec) => aggregate(node, vec, groupOf));
      }
      case 'binary':
        return binary(node);
      default:
        throw new Error(`cannot evaluate ${node.type}`);
    }
  };

  const unwrap = (n) => (n.type === 'paren' ? unwrap(n.expr) : n);

  const rangeFunction = (node) => {
    const sel = unwrap(node.args[0]);
    const series = select(sel, sel.range);
    const out = steps.map(() => []);
    const produced = new Set();
    for (const s of series) {
      const labels = dropName(s.labels);
      let any = false;
      steps.forEach((ts, i) => {
        const from = lowerBound(s.samples, ts - sel.range);
        const to = upperBound(s.samples, ts);
        const v = extrapolatedRate(
          s.samples.slice(from, to),
          ts - sel.range,
          ts,
          node.func === 'rate',
        );
        if (v === undefined) return;
        out[i].push({ labels, value: v });
        any = true;
      });
      if (any) {
        // Prometheus checks the whole range's series, not each step.
        const k = keyOf(labels);
        if (produced.has(k))
          throw execError('vector cannot contain metrics with the same labelset');
        produced.add(k);
      }
    }
    return out;
  };

  const histogramQuantile = (node) => {
    const qs = evalNode(node.args[0]);
    // Buckets group by every label but le (the name included); the result drops both.
    const sigOf = deriver((l) => without(l, ['le']));
    const outOf = deriver((l) => without(l, ['le', '__name__']));
    return evalNode(node.args[1]).map((vec, i) => {
      const groups = new Map();
      for (const s of vec) {
        const le = parseGoFloat(s.labels.le ?? '');
        if (le === undefined) continue;
        const sig = keyOf(sigOf(s.labels));
        let g = groups.get(sig);
        if (!g) {
          g = { labels: outOf(s.labels), buckets: [] };
          groups.set(sig, g);
        }
        g.buckets.push({ upperBound: le, count: s.value });
      }
      const out = [...groups.values()].map((g) => ({
        labels: g.labels,
        value: bucketQuantile(qs[i], g.buckets),
      }));
      assertUnique(out);
      return out;
    });
  };

  const aggregate = (node, vec, groupOf) => {
    const groups = new Map();
    for (const s of vec) {
      const labels = groupOf(s.labels);
      const k = keyOf(labels);
      const g = groups.get(k);
      if (!g) {
        groups.set(k, { labels, value: s.value, count: 1 });
        continue;
      }
      g.count++;
      if (node.op === 'sum') g.value += s.value;
      else if (node.op === 'max') {
        if (g.value < s.value || Number.isNaN(g.value)) g.value = s.value;
      } else if (node.op === 'min') {
        if (g.value > s.value || Number.isNaN(g.value)) g.value = s.value;
      }
    }
    return [...groups.values()].map((g) => ({
      labels: g.labels,
      value: node.op === 'count' ? g.count : g.value,
    }));
  };

  const binary = (node) => {
    const l = evalNode(node.lhs);
    const r = evalNode(node.rhs);
    const ls = node.lhs.vt === 'scalar';
    const rs = node.rhs.vt === 'scalar';
    if (ls && rs) return l.map((a, i) => arith(node.op, a, r[i]));
    const drop = deriver(dropName);
    if (ls || rs) {
      return steps.map((_, i) => {
        const vec = ls ? r[i] : l[i];
        const scalar = ls ? l[i] : r[i];
        const out = vec.map((s) => ({
          labels: drop(s.labels),
          value: ls ? arith(node.op, scalar, s.value) : arith(node.op, s.value, scalar),
        }));
        assertUnique(out);
        return out;
      });
    }
    return steps.map((_, i) => {
      const lhs = l[i];
      const rhs = r[i];
      const sig = (s) => keyOf(drop(s.labels));
      if (node.op === 'or') {
        if (!lhs.length) return rhs;
        if (!rhs.length) return lhs;
        const left = new Set(lhs.map(sig));
        const out = [...lhs, ...rhs.filter((s) => !left.has(sig(s)))];
        assertUnique(out);
        return out;
      }
      if (!lhs.length || !rhs.length) return [];
      const right = new Map();
      for (const s of rhs) {
        const k = sig(s);
        const dup = right.get(k);
        if (dup) {
          throw execError(
            `found duplicate series for the match group ${labelString(dropName(s.labels))} on the right hand-side of the operation: [${labelString(s.labels)}, ${labelString(dup.labels)}];many-to-many matching not allowed: matching labels must be unique on one side`,
          );
        }
        right.set(k, s);
      }
      const matched = new Set();
      const out = [];
      for (const s of lhs) {
        const k = sig(s);
        const m = right.get(k);
        if (!m) continue;
        if (matched.has(k))
          throw execError(
            'multiple matches for labels: many-to-one matching must be explicit (group_left/group_right)',
          );
        matched.add(k);
        out.push({ labels: drop(s.labels), value: arith(node.op, s.value, m.value) });
      }
      assertUnique(out);
      return out;
    });
  };

  // A range selector alone: its raw samples (instant queries only).
  const top = unwrap(ast);
  if (top.type === 'selector' && top.range !== undefined) {
    if (start !== end)
      throw new PromQLError(
        'invalid expression type "range vector" for range query, must be Scalar or instant Vector',
      );
    const series = select(top, top.range);
    const values = series
      .map((s) => ({
        labels: s.labels,
        points: s.samples.slice(
          lowerBound(s.samples, start - top.range),
          upperBound(s.samples, start),
        ),
      }))
      .filter((s) => s.points.length);
    return { type: 'matrix', steps, values: [values] };
  }
  return { type: ast.vt, steps, values: evalNode(ast) };
};

// ------------------------------------------------------------------------------------------
// The HTTP API's JSON (web/api/v1 with jsoniter): values as strings in Go's float format,
// timestamps as seconds with their milliseconds.

/** A float as Prometheus writes it: 'f' format, 'e' below 1e-6 or from 1e21, NaN, ±Inf. */
const formatValue = (v) => {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  if (Object.is(v, -0)) return '-0';
  const abs = Math.abs(v);
  if (abs !== 0 && (abs < 1e-6 || abs >= 1e21)) {
    // Go writes at least two exponent digits: 1e-07, not 1e-7.
    return v.toExponential().replace(/e([+-])(\d)$/, 'e$10$2');
  }
  return String(v);
};

const formatTimestamp = (ms) => {
  const sign = ms < 0 ? '-' : '';
  const abs = Math.abs(ms);
  const frac = abs % 1000;
  return `${sign}${Math.floor(abs / 1000)}${frac ? `.${String(frac).padStart(3, '0')}` : ''}`;
};

// encoding/json escapes these too.
const jsonString = (s) =>
  JSON.stringify(s).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
const metricJSON = (labels) =>
  `{${Object.keys(labels)
    .sort()
    .map((n) => `${jsonString(n)}:${jsonString(labels[n])}`)
    .join(',')}}`;
const pointJSON = (t, v) => `[${formatTimestamp(t)},"${formatValue(v)}"]`;

const seriesJSON = (series) =>
  `[${[...series]
    .sort((a, b) => compareLabels(a.labels, b.labels))
    .map(
      (s) =>
        `{"metric":${metricJSON(s.labels)},"values":[${s.points.map(([t, v]) => pointJSON(t, v)).join(',')}]}`,
    )
    .join(',')}]`;

/**
 * The `data` of a successful query: a query_range answers a matrix of the steps that had a
 * value; an instant query its vector or scalar (or the raw samples of a range selector).
 * Series are sorted by labels (Prometheus sorts a range query's; an instant one's order is
 * unspecified).
 */
const resultJSON = (result, { range = false } = {}) => {
  const { type, steps, values } = result;
  if (type === 'matrix') return `{"resultType":"matrix","result":${seriesJSON(values[0])}}`;
  if (!range) {
    const ts = steps[0];
    if (type === 'scalar') return `{"resultType":"scalar","result":${pointJSON(ts, values[0])}}`;
    const vec = [...values[0]].sort((a, b) => compareLabels(a.labels, b.labels));
    return `{"resultType":"vector","result":[${vec
      .map((s) => `{"metric":${metricJSON(s.labels)},"value":${pointJSON(ts, s.value)}}`)
      .join(',')}]}`;
  }
  const series = new Map();
  steps.forEach((ts, i) => {
    const vec = type === 'scalar' ? [{ labels: {}, value: values[i] }] : values[i];
    for (const s of vec) {
      const k = keyOf(s.labels);
      if (!series.has(k)) series.set(k, { labels: s.labels, points: [] });
      series.get(k).points.push([ts, s.value]);
    }
  });
  return `{"resultType":"matrix","result":${seriesJSON(series.values())}}`;
};

module.exports = {
  evaluate,
  resultJSON,
  formatValue,
  formatTimestamp,
  extrapolatedRate,
  bucketQuantile,
  compareLabels,
  keyOf,
  LOOKBACK_MS,
};
