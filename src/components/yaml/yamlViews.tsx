import { Button, CodeBlock, CodeBlockAction, CodeBlockCode, Tooltip } from '@patternfly/react-core';
import { CopyIcon, DownloadIcon } from '@patternfly/react-icons';
import { diffLines } from 'diff';
import { useState } from 'react';
import type { FC } from 'react';
import { useTranslation } from 'react-i18next';
import { printYaml } from './printYaml';

/*
 * The views that need the YAML printer and the line differ. They are loaded only when one shows
 * (a change to diff, a YAML section opened): the two libraries are about half of what an edit
 * form would otherwise fetch before the user has changed anything.
 */

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

/** The line diff of two objects' YAML; without `after` every line goes. */
export const DiffLines: FC<{ before?: unknown; after?: unknown }> = ({ before, after }) => {
  const parts = diffLines(
    before ? printYaml(before) : '',
    after === undefined ? '' : printYaml(alignKeys(after, before)),
  );
  return (
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
  );
};

/** Saves text as a file, for GitOps users who commit the objects instead of applying them. */
const downloadText = (filename: string, text: string) => {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/yaml' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.click();
  URL.revokeObjectURL(url);
};

/** Objects as one YAML stream, with copy and download. */
export const YamlBlock: FC<{ objects: unknown[]; id: string }> = ({ objects, id }) => {
  const { t } = useTranslation('plugin__mesh-console-plugin');
  const [copied, setCopied] = useState(false);
  const yaml = objects.map((o) => printYaml(o)).join('---\n');
  return (
    <CodeBlock
      actions={
        <CodeBlockAction>
          <Tooltip content={t('Download YAML')}>
            <Button
              variant="plain"
              aria-label={t('Download YAML')}
              icon={<DownloadIcon />}
              data-test={`download-${id}`}
              onClick={() => downloadText(`${id}.yaml`, yaml)}
            />
          </Tooltip>
          <Tooltip content={copied ? t('Copied') : t('Copy YAML')}>
            <Button
              variant="plain"
              aria-label={t('Copy YAML')}
              icon={<CopyIcon />}
              data-test={`copy-${id}`}
              onClick={() => {
                void navigator.clipboard?.writeText(yaml);
                setCopied(true);
              }}
              onMouseLeave={() => setCopied(false)}
            />
          </Tooltip>
        </CodeBlockAction>
      }
    >
      <CodeBlockCode id={`yaml-${id}`}>{yaml}</CodeBlockCode>
    </CodeBlock>
  );
};
