// Host implementations of the console's Prometheus pieces the SDK requires by path: the poll
// hook behind `usePrometheusPoll` and `QueryBrowser`. URLs are built as the console builds them
// (public/components/graphs/helpers.ts, release-4.22): SERVER_FLAGS' base path, the tenancy one
// when a namespace is given, `start`/`end`/`step` from timespan and samples for ranges. The chart
// is a plain SVG: the plugin's tests read its own table, not this drawing.
import { Alert, Checkbox, Flex, FlexItem } from '@patternfly/react-core';
import { useEffect, useMemo, useState } from 'react';
import type { FC } from 'react';
import { coFetchJSON } from './consoleInternals';

type Labels = Record<string, string>;
type Sample = [number, string];
type Result = { metric: Labels; value?: Sample; values?: Sample[] };
type Response = { status: string; data: { resultType: string; result: Result[] } };

const DEFAULT_SAMPLES = 60;
const DEFAULT_TIMESPAN = 30 * 60 * 1000;

type UrlProps = {
  endpoint: string;
  query?: string;
  namespace?: string;
  timeout?: string;
  endTime?: number;
  samples?: number;
  timespan?: number;
};

export const prometheusURL = ({
  endpoint,
  query,
  namespace,
  timeout,
  endTime = Date.now(),
  samples = DEFAULT_SAMPLES,
  timespan = DEFAULT_TIMESPAN,
}: UrlProps): string => {
  if (endpoint !== 'api/v1/rules' && !query) return '';
  const base = namespace
    ? window.SERVER_FLAGS.prometheusTenancyBaseURL
    : window.SERVER_FLAGS.prometheusBaseURL;
  const params = new URLSearchParams();
  if (endpoint === 'api/v1/query_range') {
    params.append('start', `${(endTime - timespan) / 1000}`);
    params.append('end', `${endTime / 1000}`);
    params.append('step', `${timespan / samples / 1000}`);
  }
  Object.entries({ query, namespace, timeout }).forEach(
    ([k, v]) => v && params.append(k, String(v)),
  );
  return `${base}/${endpoint}?${params.toString()}`;
};

/** The console's useURLPoll: fetch now and every `delay` ms; [response, error, loading]. */
const useURLPoll = <R,>(url: string, delay = 15000, ...deps: unknown[]): [R, unknown, boolean] => {
  const [state, setState] = useState<{ response?: R; error?: unknown; loading: boolean }>({
    loading: true,
  });
  useEffect(() => {
    if (!url) {
      setState((s) => ({ ...s, loading: false }));
      return undefined;
    }
    let live = true;
    const controller = new AbortController();
    const tick = () =>
      coFetchJSON(url, 'GET', { signal: controller.signal })
        .then((response: R) => live && setState({ response, error: null, loading: false }))
        .catch((error: Error) => {
          if (!live || error.name === 'AbortError') return;
          setState({ response: undefined, error, loading: false });
          // The console logs every failed poll.
          console.error(`Error polling URL: ${error}`);
        });
    tick();
    const timer = delay ? window.setInterval(tick, delay) : undefined;
    return () => {
      live = false;
      controller.abort();
      window.clearInterval(timer);
    };
    // The console re-polls on its dependencies, not on the URL (whose end time moves).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [delay, ...deps]);
  return [state.response as R, state.error, state.loading];
};

export const usePrometheusPoll = ({
  delay,
  query,
  timespan,
  ...rest
}: UrlProps & { delay?: number }): [Response, unknown, boolean] =>
  useURLPoll<Response>(prometheusURL({ query, timespan, ...rest }), delay, query, timespan);

// ---------------------------------------------------------------- QueryBrowser
type QueryBrowserProps = {
  queries: string[];
  namespace?: string;
  timespan?: number;
  defaultTimespan?: number;
  pollInterval?: number;
  defaultSamples?: number;
  disabledSeries?: Labels[][];
  formatSeriesTitle?: (labels: Labels, i?: number) => string;
  showLegend?: boolean;
  units?: string;
};

// Global tokens (patternfly.css has no chart tokens), so lines follow the theme.
const COLORS = [
  'var(--pf-t--global--color--brand--default)',
  'var(--pf-t--global--color--status--success--default)',
  'var(--pf-t--global--color--status--warning--default)',
  'var(--pf-t--global--color--nonstatus--purple--default)',
  'var(--pf-t--global--color--status--danger--default)',
  'var(--pf-t--global--color--status--info--default)',
];

const sameLabels = (a: Labels, b: Labels) =>
  Object.keys(a).length === Object.keys(b).length &&
  Object.entries(a).every(([k, v]) => b[k] === v);

const QueryLines: FC<{
  query: string;
  index: number;
  props: QueryBrowserProps;
  hidden: Set<string>;
  onSeries: (index: number, labels: Labels[]) => void;
}> = ({ query, index, props, hidden, onSeries }) => {
  const timespan = props.timespan ?? props.defaultTimespan ?? DEFAULT_TIMESPAN;
  const [response, error] = usePrometheusPoll({
    endpoint: 'api/v1/query_range',
    query,
    namespace: props.namespace,
    timespan,
    samples: props.defaultSamples ?? DEFAULT_SAMPLES,
    delay: props.pollInterval,
    timeout: '60s',
  });
  const series = useMemo(() => response?.data?.result ?? [], [response]);
  useEffect(
    () =>
      onSeries(
        index,
        series.map((s) => s.metric),
      ),
    [series, index, onSeries],
  );
  if (error) return <text y={12}>{String(error)}</text>;
  const points = series.flatMap((s) => s.values ?? []);
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => Number(p[1])).filter(Number.isFinite);
  const [x0, x1] = [Math.min(...xs), Math.max(...xs)];
  const yMax = Math.max(1e-9, ...ys);
  return (
    <>
      {series.map((s, i) => {
        const key = `${index}:${JSON.stringify(s.metric)}`;
        if (hidden.has(key)) return null;
        if (props.disabledSeries?.[index]?.some((d) => sameLabels(d, s.metric))) return null;
        const d = (s.values ?? [])
          .filter((p) => Number.isFinite(Number(p[1])))
          .map(
            (p) =>
              `${((p[0] - x0) / Math.max(1, x1 - x0)) * 600},${150 - (Number(p[1]) / yMax) * 140}`,
          )
          .join(' ');
        return (
          <polyline
            key={key}
            points={d}
            fill="none"
            stroke={COLORS[(index + i) % COLORS.length]}
            strokeWidth={2}
          />
        );
      })}
    </>
  );
};

export const QueryBrowser: FC<QueryBrowserProps> = (props) => {
  const [series, setSeries] = useState<Record<number, Labels[]>>({});
  const [hidden, setHidden] = useState<Set<string>>(new Set());
  const onSeries = useMemo(
    () => (index: number, labels: Labels[]) =>
      setSeries((s) =>
        JSON.stringify(s[index]) === JSON.stringify(labels) ? s : { ...s, [index]: labels },
      ),
    [],
  );
  if (!window.SERVER_FLAGS.prometheusBaseURL) {
    return <Alert isInline variant="info" title="Prometheus is not configured" />;
  }
  const legend = Object.entries(series).flatMap(([i, list]) =>
    list.map((labels) => ({ key: `${i}:${JSON.stringify(labels)}`, labels, i: Number(i) })),
  );
  return (
    <div data-test="query-browser">
      <svg viewBox="0 0 600 150" width="100%" height={150} role="img" aria-label="Query browser">
        {props.queries.map((q, i) => (
          <QueryLines
            key={q}
            query={q}
            index={i}
            props={props}
            hidden={hidden}
            onSeries={onSeries}
          />
        ))}
      </svg>
      {props.showLegend !== false && (
        <Flex>
          {legend.map(({ key, labels, i }) => (
            <FlexItem key={key}>
              <Checkbox
                id={`qb-${key}`}
                label={props.formatSeriesTitle?.(labels, i) ?? JSON.stringify(labels)}
                isChecked={!hidden.has(key)}
                onChange={(_, on) =>
                  setHidden((h) => {
                    const next = new Set(h);
                    if (on) next.delete(key);
                    else next.add(key);
                    return next;
                  })
                }
              />
            </FlexItem>
          ))}
        </Flex>
      )}
    </div>
  );
};
