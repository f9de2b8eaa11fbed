import { CodeBlock, CodeBlockCode, Content } from '@patternfly/react-core';
import { diffLines } from 'diff';
import type { FC } from 'react';
import { useTranslation } from 'react-i18next';
import { stringify } from 'yaml';

// Status colours come from PatternFly tokens, so both themes read right.
const ADDED = { color: 'var(--pf-t--global--text--color--status--success--default)' };
const REMOVED = { color: 'var(--pf-t--global--text--color--status--danger--default)' };

/** What a write will change in one object, as a line diff of its YAML. */
export const ObjectDiff: FC<{ title: string; before?: unknown; after: unknown; id: string }> = ({
  title,
  before,
  after,
  id,
}) => {
  const { t } = useTranslation('plugin__mesh-console-plugin');
  const parts = diffLines(before ? stringify(before) : '', stringify(after));
  const changed = parts.some((p) => p.added || p.removed);
  return (
    <div data-test={`diff-${id}`} data-changed={changed}>
      <Content component="h4">
        {title}
        {!before && ` (${t('new')})`}
        {!changed && ` (${t('unchanged')})`}
      </Content>
      {changed && (
        <CodeBlock>
          <CodeBlockCode>
            {parts.flatMap((part, i) =>
              part.value
                .replace(/\n$/, '')
                .split('\n')
                .map((line, j) => (
                  <div
                    key={`${i}-${j}`}
                    style={part.added ? ADDED : part.removed ? REMOVED : undefined}
                    data-diff={part.added ? 'added' : part.removed ? 'removed' : 'same'}
                  >
                    {part.added ? '+ ' : part.removed ? '- ' : '  '}
                    {line}
                  </div>
                )),
            )}
          </CodeBlockCode>
        </CodeBlock>
      )}
    </div>
  );
};
