import type { Issue } from '../../mesh/issues';
import { formatPath } from '../../mesh/issues';

/** The `t` of useTranslation('plugin__mesh-console-plugin'), as far as issue texts need it. */
export type T = (key: string, options?: Record<string, string | number>) => string;

/**
 * Words for an issue code of a domain; undefined for a code it does not know. Each domain keeps
 * its sentences as literal t('…') calls, so the locale extractor finds them.
 */
export type IssueWords = (
  t: T,
  code: string,
  p: Record<string, string | number>,
) => string | undefined;

const general: IssueWords = (t, code, p) => {
  switch (code) {
    case 'server.rejected':
      // The API server's own words (schema validation, Istio's webhook): not ours to translate.
      return t('Refused by the cluster: {{message}}', p);
    case 'yaml.parse':
      return t('The YAML does not parse: {{message}}', p);
    case 'yaml.not-object':
      return t('The YAML must hold one object of kind {{kind}}.', p);
    case 'yaml.identity':
      return t('{{field}} cannot be changed here (it names the object the form edits).', p);
    default:
      return undefined;
  }
};

/** An issue's sentence in the user's language, for the issues of one domain's pages. */
export type IssueText = (t: T, i: Issue) => string;

/**
 * The sentence for an issue, from the general words or the domain's. Each domain's pages pass
 * their own words (beside this file; their codes do not overlap), so a traffic form does not
 * load every security and config sentence.
 */
export const issueText = (t: T, i: Issue, domain: IssueWords): string => {
  const p = i.params ?? {};
  for (const words of [general, domain]) {
    const text = words(t, i.code, p);
    if (text !== undefined) return text;
  }
  // A code without words is a bug; say what we know rather than nothing.
  return t('Problem {{code}} at {{path}}', { code: i.code, path: formatPath(i.path) });
};
