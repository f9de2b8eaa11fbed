import {
  Button,
  CodeBlock,
  CodeBlockAction,
  CodeBlockCode,
  ExpandableSection,
  Tooltip,
} from '@patternfly/react-core';
import { CopyIcon, DownloadIcon } from '@patternfly/react-icons';
import { useState } from 'react';
import type { FC } from 'react';
import { useTranslation } from 'react-i18next';
import { stringify } from 'yaml';

/** Saves text as a file, for GitOps users who commit the objects instead of applying them. */
const downloadText = (filename: string, text: string) => {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/yaml' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.click();
  URL.revokeObjectURL(url);
};

/** The objects an action is about to write, as YAML the user can read and copy first. */
export const YamlPreview: FC<{ objects: unknown[]; id: string; toggleText?: string }> = ({
  objects,
  id,
  toggleText,
}) => {
  const { t } = useTranslation('plugin__mesh-console-plugin');
  const [expanded, setExpanded] = useState(false);
  const [copied, setCopied] = useState(false);
  const yaml = objects.map((o) => stringify(o)).join('---\n');
  return (
    <ExpandableSection
      toggleText={toggleText ?? t('Show the YAML that will be created')}
      isExpanded={expanded}
      onToggle={(_, v) => setExpanded(v)}
      data-test={`yaml-preview-${id}`}
    >
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
    </ExpandableSection>
  );
};
