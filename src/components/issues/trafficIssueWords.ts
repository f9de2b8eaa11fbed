import type { IssueWords } from './issueText';

/** Words for the traffic forms' issue codes (`split.*`, `traffic.*`). */
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
    default:
      return undefined;
  }
};
