import {
  Button,
  CodeBlock,
  CodeBlockAction,
  CodeBlockCode,
  ExpandableSection,
  Tooltip,
} from '@patternfly/react-core';
import { CopyIcon } from '@patternfly/react-icons';
import { useState } from 'react';
import type { FC } from 'react';
import { useTranslation } from 'react-i18next';
import { stringify } from 'yaml';

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
