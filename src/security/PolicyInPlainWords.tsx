import { Content } from '@patternfly/react-core';
import type { FC } from 'react';
import { useTranslation } from 'react-i18next';
import type { DescribeOptions } from '../mesh/security/authorization';
import type { AuthorizationPolicy } from '../models';
import { policySentence } from './securityText';

/**
 * "In plain words: …": what a policy a form is about to write does, under the form (the allowed
 * callers form and the end-user token form).
 */
export const PolicyInPlainWords: FC<{
  policy: AuthorizationPolicy;
  rootNamespace: string;
  describe: DescribeOptions;
}> = ({ policy, rootNamespace, describe }) => {
  const { t } = useTranslation('plugin__mesh-console-plugin');
  return (
    <Content component="p" data-test="policy-summary">
      {t('In plain words: {{summary}}', {
        summary: policySentence(t, policy, rootNamespace, describe),
        interpolation: { escapeValue: false },
      })}
    </Content>
  );
};
