import { CodeBlock, CodeBlockCode, Content } from '@patternfly/react-core';
import { diffLines } from 'diff';
import type { FC } from 'react';
import { useTranslation } from 'react-i18next';
import { stringify } from 'yaml';
import { sameContent } from '../mesh/forms/editPlan';

/**
 * `after` with its keys in `before`'s order (new keys last), so an edit that only reorders keys
 * (YAML typed by hand) shows no change, and a real change shows where the field was.
 */
const alignKeys = (after: unknown, before: unknown): unknown => {
  if (Array.isArray(after)) {
    return after.map((x, i) => alignKeys(x, Array.isArray(before) ? before[i] : undefined));
  }
  if (!after || typeof after !== 'object') return after;
  const a = after as Record<string, unknown>;
  const b = before && typeof before === 'object' ? (before as Record<string, unknown>) : {};
  const keys = [
    ...Object.keys(b).filter((k) => k in a),
    ...Object.keys(a).filter((k) => !(k in b)),
  ];
  return Object.fromEntries(keys.map((k) => [k, alignKeys(a[k], b[k])]));
};

// Status colours come from PatternFly tokens, so both themes read right.
const ADDED = { color: 'var(--pf-t--global--text--color--status--success--default)' };
const REMOVED = { color: 'var(--pf-t--global--text--color--status--danger--default)' };

/**
 * What a write will change in one object, as a line diff of its YAML. Without `after` the object
 * is deleted: every line goes.
 */
export const ObjectDiff: FC<{ title: string; before?: unknown; after?: unknown; id: string }> = ({
  title,
  before,
  after,
  id,
}) => {
  const { t } = useTranslation('plugin__mesh-console-plugin');
  const removed = before !== undefined && after === undefined;
  const changed = !before || !sameContent(before, after);
  const parts = changed
    ? diffLines(before ? stringify(before) : '', removed ? '' : stringify(alignKeys(after, before)))
    : [];
  return (
    <div data-test={`diff-${id}`} data-changed={changed} data-removed={removed}>
      <Content component="h4">
        {title}
        {!before && ` (${t('new')})`}
        {removed && ` (${t('deleted')})`}
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
