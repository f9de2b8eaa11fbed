'use strict';
// The history Prometheus would hold: a list of segments, each starting when the traffic model
// or the scrape targets changed, with the counter groups' rates in it. Counters are the
// integral of those rates since the proxy started (or restarted: a counter reset), and samples
// exist at each target's scrape times, only while a PodMonitor covers the pod and only once the
// counter has counted something (Envoy creates a stat on its first request). Nothing is stored
// per sample: values are computed at the timestamps a query needs.
const crypto = require('crypto');
const { CHANNELS, DURATION_BUCKETS } = require('./series');
const { matches } = require('./promql');

/** The metric series of one counter group on one target: name, extra labels, channel. */
const METRICS = [
  { name: 'istio_requests_total', channel: 0 },
  ...DURATION_BUCKETS.map((le, i) => ({
    name: 'istio_request_duration_milliseconds_bucket',
    le: String(le),
    channel: 2 + i,
  })),
  { name: 'istio_request_duration_milliseconds_bucket', le: '+Inf', channel: 0 },
  { name: 'istio_request_duration_milliseconds_sum', channel: 1 },
  { name: 'istio_request_duration_milliseconds_count', channel: 0 },
];

/** Prometheus spreads targets over the interval by a hash of the target; whole seconds here. */
const scrapeOffset = (targetKey, intervalMs) =>
  (crypto.createHash('sha256').update(targetKey).digest().readUInt32BE(0) %
    Math.max(1, Math.floor(intervalMs / 1000))) *
  1000;

class Timeline {
  /**
   * @param {{start: number, snapshot: object}} first the state at `start` (ms); counters of the
   *   pods in it start at 0 then
   */
  constructor({ start, snapshot }) {
    this.segments = [];
    this.series = undefined;
    this.push(start, snapshot);
  }

  get last() {
    return this.segments[this.segments.length - 1];
  }

  /** A new segment from `at` (ms) with the state `snapshot`. */
  push(at, snapshot) {
    let prev = this.last;
    if (prev && at <= prev.start) {
      // Several changes in one millisecond: the last one wins.
      this.segments.pop();
      prev = this.last;
      at = Math.max(at, prev ? prev.start + 1 : at);
    }
    const groups = new Map();
    const alive = (uid) => {
      const now = snapshot.pods.get(uid);
      const before = prev?.pods.get(uid);
      return now && before && now.restarts === before.restarts;
    };
    const dt = prev ? (at - prev.start) / 1000 : 0;
    // Counters of proxies still running carry on, even with no traffic now.
    if (prev) {
      for (const [key, g] of prev.groups) {
        if (!alive(g.pod)) continue;
        groups.set(key, {
          ...g,
          rates: new Float64Array(CHANNELS),
          cum: g.cum.map((c, i) => c + g.rates[i] * dt),
        });
      }
    }
    for (const [key, g] of snapshot.groups) {
      const carried = groups.get(key);
      if (carried) carried.rates = g.rates;
      else groups.set(key, { ...g, cum: new Float64Array(CHANNELS) });
    }
    this.segments.push({ start: at, pods: snapshot.pods, targets: snapshot.targets, groups });
    this.series = undefined;
  }

  /** Every metric series that ever had a target: {labels, group key, target key}. */
  allSeries() {
    if (this.series) return this.series;
    const byKey = new Map();
    for (const seg of this.segments) {
      for (const [gkey, g] of seg.groups) {
        for (const t of seg.targets.get(g.pod) || []) {
          for (const m of METRICS) {
            const key = `${m.name}|${m.le ?? ''}|${gkey}|${t.key}`;
            if (byKey.has(key)) continue;
            byKey.set(key, {
              gkey,
              tkey: t.key,
              channel: m.channel,
              labels: {
                __name__: m.name,
                ...g.labels,
                ...t.labels,
                ...(m.le !== undefined ? { le: m.le } : {}),
              },
            });
          }
        }
      }
    }
    this.series = [...byKey.values()];
    return this.series;
  }

  /** Samples [t, v] of one series in [mint, maxt] (ms), not after `until`. */
  samples(s, mint, maxt, until = Infinity) {
    const out = [];
    const hi = Math.min(maxt, until);
    this.segments.forEach((seg, i) => {
      const segEnd = i + 1 < this.segments.length ? this.segments[i + 1].start : Infinity;
      const from = Math.max(mint, seg.start);
      const to = Math.min(hi, segEnd - 1);
      if (from > to) return;
      const g = seg.groups.get(s.gkey);
      if (!g) return;
      const target = (seg.targets.get(g.pod) || []).find((t) => t.key === s.tkey);
      if (!target) return;
      const iv = target.intervalMs;
      const off = scrapeOffset(target.key, iv);
      for (let t = Math.ceil((from - off) / iv) * iv + off; t <= to; t += iv) {
        const dt = (t - seg.start) / 1000;
        // Envoy has the stat from its first request on.
        if (g.cum[0] + g.rates[0] * dt <= 0) continue;
        out.push([t, g.cum[s.channel] + g.rates[s.channel] * dt]);
      }
    });
    return out;
  }

  /**
   * A storage for evaluate(): the series matching `matchers` with their samples in
   * [mint, maxt], none after `until` (the clock) nor outside `clip` ([from, to], ms).
   */
  storage({ until = Infinity, clip } = {}) {
    return {
      select: (matchers, mint, maxt) => {
        const lo = clip ? Math.max(mint, clip[0]) : mint;
        const hi = clip ? Math.min(maxt, clip[1]) : maxt;
        return this.allSeries()
          .filter((s) => matchers.every((m) => matches(m, s.labels[m.name])))
          .map((s) => ({ labels: s.labels, samples: this.samples(s, lo, hi, until) }))
          .filter((s) => s.samples.length);
      },
    };
  }

  /** The samples of [from, to] as OpenMetrics text with timestamps (promtool's backfill input). */
  openMetrics(from, to) {
    return toOpenMetrics(this.storage().select([ANY_METRIC], from, to));
  }
}

const ANY_METRIC = { name: '__name__', op: '=~', value: '.+', re: /^(?:.+)$/ };

/**
 * Series ({labels, samples}) as OpenMetrics text with timestamps, one family per metric
 * (`_total` a counter, `_bucket`/`_sum`/`_count` of one name a histogram), each series' samples
 * in time order, as promtool's backfill needs them.
 */
const toOpenMetrics = (series) => {
  const familyOf = (name) => {
    const h = /^(.*)_(bucket|sum|count)$/.exec(name);
    if (h && series.some((s) => s.labels.__name__ === `${h[1]}_bucket`)) return [h[1], 'histogram'];
    if (name.endsWith('_total')) return [name.slice(0, -'_total'.length), 'counter'];
    return [name, 'unknown'];
  };
  const families = new Map();
  for (const s of series) {
    const [family, type] = familyOf(s.labels.__name__);
    if (!families.has(family)) families.set(family, { type, series: [] });
    families.get(family).series.push(s);
  }
  const esc = (v) => v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
  const lines = [];
  for (const [family, { type, series: list }] of families) {
    lines.push(`# TYPE ${family} ${type}`);
    for (const s of list) {
      const { __name__: name, ...rest } = s.labels;
      const labels = Object.keys(rest)
        .sort()
        .map((n) => `${n}="${esc(rest[n])}"`)
        .join(',');
      for (const [t, v] of s.samples) lines.push(`${name}{${labels}} ${v} ${t / 1000}`);
    }
  }
  lines.push('# EOF', '');
  return lines.join('\n');
};

module.exports = { Timeline, METRICS, scrapeOffset, toOpenMetrics };
