import type { IssueWords } from './issueText';

/** Words for the traffic forms' issue codes (`split.*`, `circuit-breaker.*`, `match.*`, `resilience.*`, `traffic.*`). */
export const trafficIssueWords: IssueWords = (t, code, p) => {
  switch (code) {
    case 'split.weights-sum':
      return t(
        'The weights add up to {{total}}, not 100. Istio sends each version its weight divided by the total: {{shares}}.',
        p,
      );
    case 'split.rule-not-splittable':
      return t(
        'The default route redirects, answers directly or delegates, so it cannot also split traffic. Edit it in YAML, or route with a new rule. ({{reason}})',
        p,
      );
    case 'circuit-breaker.whole-number':
      return t('{{field}} must be a whole number.', p);
    case 'circuit-breaker.no-subset':
      return t('Version {{subset}} has no subset in the DestinationRule; add it first.', p);
    case 'match.default-not-routable':
      return t(
        'The default rule redirects, responds directly or delegates; it cannot take a route. Edit it in YAML.',
      );
    case 'resilience.attempts-not-whole':
      return t('Retry attempts must be a whole number.');
    case 'resilience.abort-status-not-whole':
      return t('Abort HTTP status must be a whole number.');
    case 'resilience.percentage':
      return t('Enter a percentage between 0 and 100.');
    case 'resilience.rule-gone':
      return t('The selected route does not exist any more; reload.');
    default:
      return undefined;
  }
};
