import type { TFunction } from 'i18next';
import type { GateBlocker } from '../mesh/metrics/promotionGate';

/** "4.2", "0.15", "100": percentages and milliseconds with the digits that matter. */
export const formatFigure = (n: number): string =>
  Number.isFinite(n) ? String(Number(n.toFixed(Math.abs(n) < 10 ? 2 : 1))) : '—';

export const formatCount = (n: number): string => String(Math.round(n));

/** "10 minutes", "1 hour": the analysis window as the sentences and the select name it. */
export const windowText = (t: TFunction, seconds: number): string => {
  switch (seconds) {
    case 300:
      return t('5 minutes');
    case 600:
      return t('10 minutes');
    case 1800:
      return t('30 minutes');
    case 3600:
      return t('1 hour');
    default:
      return t('{{seconds}} seconds', { seconds });
  }
};

/** Why promotion needs "promote anyway", in the user's language, from the structured reason. */
export const blockerText = (
  t: TFunction,
  b: GateBlocker,
  c: { canary: string; namespace: string; windowSeconds: number },
): string[] => {
  const window = windowText(t, c.windowSeconds);
  switch (b.kind) {
    case 'step-not-applied':
      return [
        t(
          'This form sends {{edited}} % to {{canary}}, the cluster {{stored}} %: apply this step and let it run before promoting further.',
          { edited: formatFigure(b.edited), stored: formatFigure(b.stored), canary: c.canary },
        ),
      ];
    case 'no-revision':
      return [
        b.problem === 'no-subset'
          ? t('No metrics: the DestinationRule has no subset {{canary}}.', { canary: c.canary })
          : t(
              "No metrics: subset {{canary}} selects pods without a version label (version, app.kubernetes.io/version or service.istio.io/canonical-revision), so Istio's metrics do not tell its requests apart.",
              { canary: c.canary },
            ),
      ];
    case 'invalid-settings':
      return [t('The gate settings have errors: correct them to judge {{canary}}.', c)];
    case 'metrics':
      switch (b.failure) {
        case 'forbidden':
          return [
            t(
              'No metrics: you may not read the metrics of namespace {{namespace}}. Ask an administrator for view access to it.',
              { namespace: c.namespace },
            ),
          ];
        case 'unauthorized':
          return [t('No metrics: Prometheus did not accept your session. Log in again.')];
        case 'bad-query':
          return [t('No metrics: Prometheus refused the query.')];
        default:
          return [t("No metrics: the cluster's Prometheus could not be reached. Try again later.")];
      }
    case 'loading':
      return [t('Reading the metrics of {{canary}}…', { canary: c.canary })];
    case 'too-little-traffic':
      return [
        t(
          'Only {{requests}} requests reached {{canary}} in the last {{window}}; the gate needs {{needed}}.',
          {
            count: Math.round(b.requests),
            requests: formatCount(b.requests),
            canary: c.canary,
            window,
            needed: b.needed,
          },
        ),
      ];
    case 'no-baseline':
      return [
        t(
          'No requests reached the other versions in the last {{window}}: nothing to compare {{canary}} with.',
          { window, canary: c.canary },
        ),
      ];
    case 'unreadable':
      return b.checks.map((check) =>
        check === 'errors'
          ? t('Prometheus gave no error rate to compare in the last {{window}}.', { window })
          : check === 'latency'
            ? t(
                'Prometheus gave no p95 latency to compare in the last {{window}} (no request duration samples).',
                { window },
              )
            : t('Prometheus gave no request count for {{canary}} in the last {{window}}.', {
                canary: c.canary,
                window,
              }),
      );
    case 'errors-above-limit':
      return [
        t("The canary's error rate {{rate}} % is above the limit {{limit}} %.", {
          rate: formatFigure(b.canary),
          limit: formatFigure(b.limit),
        }),
      ];
    case 'latency-above-limit':
      return [
        t("The canary's p95 latency {{p95}} ms is above the limit {{limit}} ms.", {
          p95: formatFigure(b.canary),
          limit: formatFigure(b.limit),
        }),
      ];
  }
  return [];
};
