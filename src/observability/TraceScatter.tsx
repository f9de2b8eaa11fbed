import type { FC } from 'react';
import { useTranslation } from 'react-i18next';
import { durationPoints, formatMicros } from '../mesh/observability/traces';
import type { TraceSummary } from '../mesh/observability/traces';

const W = 800;
const H = 180;
const PAD = { left: 56, right: 16, top: 12, bottom: 28 };
const PLOT_W = W - PAD.left - PAD.right;
const PLOT_H = H - PAD.top - PAD.bottom;

const TOKENS = {
  point: 'var(--pf-t--global--color--brand--default)',
  error: 'var(--pf-t--global--color--status--danger--default)',
  grid: 'var(--pf-t--global--border--color--default)',
  text: 'var(--pf-t--global--text--color--subtle)',
};

/**
 * Trace durations over time as a scatter, drawn with PatternFly tokens so it follows the theme.
 * A point opens its trace; the table below carries the same traces for keyboard and screen readers.
 */
export const TraceScatter: FC<{
  summaries: TraceSummary[];
  window: { startMicros: number; endMicros: number };
  onOpen: (traceID: string) => void;
}> = ({ summaries, window, onOpen }) => {
  const { t } = useTranslation('plugin__mesh-console-plugin');
  const { points, maxMicros } = durationPoints(summaries, window);
  const errors = points.filter((p) => p.error).length;
  const time = (us: number) => new Date(us / 1000).toLocaleTimeString();
  const yTicks = [0, 0.5, 1];
  return (
    <svg
      viewBox={`0 0 ${W} ${H}`}
      width="100%"
      role="img"
      aria-label={t('Durations of {{count}} traces over time, {{errors}} with errors', {
        count: points.length,
        errors,
      })}
      data-test="trace-scatter"
      style={{ maxHeight: 220, fontSize: 11, fontFamily: 'inherit' }}
    >
      {yTicks.map((f) => {
        const y = PAD.top + PLOT_H * (1 - f);
        return (
          <g key={f} aria-hidden="true">
            <line
              x1={PAD.left}
              x2={W - PAD.right}
              y1={y}
              y2={y}
              stroke={TOKENS.grid}
              strokeDasharray={f ? '3 3' : undefined}
            />
            <text x={PAD.left - 6} y={y + 4} textAnchor="end" fill={TOKENS.text}>
              {formatMicros(maxMicros * f)}
            </text>
          </g>
        );
      })}
      <g aria-hidden="true">
        <text x={PAD.left} y={H - 8} fill={TOKENS.text}>
          {time(window.startMicros)}
        </text>
        <text x={W - PAD.right} y={H - 8} textAnchor="end" fill={TOKENS.text}>
          {time(window.endMicros)}
        </text>
      </g>
      {points.map((p) => (
        <circle
          key={p.traceID}
          cx={PAD.left + p.x * PLOT_W}
          cy={PAD.top + (1 - p.y) * PLOT_H}
          r={5}
          fill={p.error ? TOKENS.error : TOKENS.point}
          fillOpacity={0.75}
          stroke={p.error ? TOKENS.error : TOKENS.point}
          style={{ cursor: 'pointer' }}
          onClick={() => onOpen(p.traceID)}
          data-test={`trace-point-${p.traceID}`}
        >
          <title>{`${formatMicros(p.durationMicros)}${p.error ? ` (${t('error')})` : ''}`}</title>
        </circle>
      ))}
    </svg>
  );
};
