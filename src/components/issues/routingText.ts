import type { RoutingPart, RoutingSummary } from '../../mesh/traffic/trafficSplit';
import type { T } from './issueText';

/** One routing fact in the user's language, from the structured summary in src/mesh. */
export const routingPartText = (t: T, part: RoutingPart): string => {
  const shares = (parts: { subset?: string; host: string; weight: number }[]) =>
    parts
      .map((p) => t('{{target}} {{weight}}%', { target: p.subset ?? p.host, weight: p.weight }))
      .join(', ');
  switch (part.kind) {
    case 'split':
      return shares(part.parts);
    case 'match':
      return t('matching requests: {{shares}}', { shares: shares(part.parts) });
    case 'other':
      switch (part.action) {
        case 'redirect':
          return t('redirect rule');
        case 'directResponse':
          return t('directResponse rule');
        case 'delegate':
          return t('delegate rule');
      }
      return '';
    case 'timeout':
      return t('timeout {{timeout}}', { timeout: part.timeout });
    case 'retries':
      return t('{{attempts}} retries', { attempts: part.attempts });
    case 'fault':
      return t('fault injection');
    case 'mirror':
      return t('mirrored to {{target}}', { target: part.subset ?? part.host });
    case 'circuitBreaker':
      return part.subset
        ? t('circuit breaker on {{subset}}', { subset: part.subset })
        : t('circuit breaker');
    case 'noRouting':
      return t('no routing rules (round robin over all pods)');
  }
  return '';
};

/** A service's routing in one line (`v1 90%, v2 10%; circuit breaker on v2`), as lists show it. */
export const routingText = (t: T, summary: RoutingSummary): string =>
  summary.parts.map((p) => routingPartText(t, p)).join('; ');
