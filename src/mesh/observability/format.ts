/** Numbers as the graph and tables print them: few digits, no trailing zeros in percentages. */

/** Requests per second: "9.00", "12.4", "150". */
export const formatRate = (rps: number): string =>
  rps >= 100 ? rps.toFixed(0) : rps >= 10 ? rps.toFixed(1) : rps.toFixed(2);

/** "90%", "12.5%", "0.12%". */
export const formatPercent = (p: number): string => `${Number(p.toFixed(p < 1 ? 2 : 1))}%`;

/** TCP throughput: "512 B/s", "1.5 kB/s", "2.3 MB/s". */
export const formatBytesPerSecond = (bps: number): string => {
  if (bps < 1000) return `${Math.round(bps)} B/s`;
  if (bps < 1_000_000) return `${Number((bps / 1000).toPrecision(2))} kB/s`;
  return `${Number((bps / 1_000_000).toPrecision(2))} MB/s`;
};

/** Latency: "0.48 ms", "9.5 ms", "120 ms", "1.25 s". */
export const formatMs = (ms: number): string => {
  if (ms >= 1000) return `${Number((ms / 1000).toPrecision(3))} s`;
  return `${Number(ms.toPrecision(ms < 1 ? 2 : ms < 100 ? 2 : 3))} ms`;
};
