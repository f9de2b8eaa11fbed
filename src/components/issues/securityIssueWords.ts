import type { IssueWords } from './issueText';

/** Words for the security forms' issue codes (`mtls.*`, `authz.*`, `jwt.*`). */
export const securityIssueWords: IssueWords = (t, code) => {
  switch (code) {
    case 'mtls.strict-unacknowledged':
      return t('STRICT will refuse plaintext callers here: acknowledge it before applying.');
    case 'authz.no-callers':
      return t(
        'Choose at least one caller or namespace. A policy without callers would let anyone in; use "Deny all calls" to shut the workload off.',
      );
    default:
      return undefined;
  }
};
