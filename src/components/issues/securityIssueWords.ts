import type { IssueWords } from './issueText';

/** Words for the security forms' issue codes (`security.*`). */
export const securityIssueWords: IssueWords = (_t, code) => {
  switch (code) {
    default:
      return undefined;
  }
};
