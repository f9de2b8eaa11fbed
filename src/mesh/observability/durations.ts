/** The time windows the tabs offer, from one minute to one day (Kiali's own choices). */
export type DurationOption = { seconds: number; label: string };

export const DURATION_OPTIONS: readonly DurationOption[] = [
  { seconds: 60, label: '1m' },
  { seconds: 300, label: '5m' },
  { seconds: 600, label: '10m' },
  { seconds: 1800, label: '30m' },
  { seconds: 3600, label: '1h' },
  { seconds: 10800, label: '3h' },
  { seconds: 21600, label: '6h' },
  { seconds: 43200, label: '12h' },
  { seconds: 86400, label: '1d' },
];

export const DEFAULT_DURATION_SECONDS = 600;

/** A duration from a URL parameter, if it is one of the options; else the default. */
export const durationFromParam = (param: string | null | undefined): number => {
  const n = Number(param);
  return DURATION_OPTIONS.some((o) => o.seconds === n) ? n : DEFAULT_DURATION_SECONDS;
};
