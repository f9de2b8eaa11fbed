import { configIssueWords } from './configIssueWords';
import { issueText } from './issueText';
import type { IssueText, IssueWords } from './issueText';
import { securityIssueWords } from './securityIssueWords';
import { trafficIssueWords } from './trafficIssueWords';

const anyWords: IssueWords = (t, code, p) =>
  trafficIssueWords(t, code, p) ?? securityIssueWords(t, code, p) ?? configIssueWords(t, code, p);

/**
 * The sentence for an issue of any domain: for the Istio config pages, which check and edit
 * objects of every kind. Other pages take their own domain's words.
 */
export const anyIssueText: IssueText = (t, i) => issueText(t, i, anyWords);
