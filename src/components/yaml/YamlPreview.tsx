import { ExpandableSection } from '@patternfly/react-core';
import { useState } from 'react';
import type { FC } from 'react';
import { useTranslation } from 'react-i18next';
import { YamlBlockView } from './lazyYamlViews';

/**
 * The objects an action is about to write, as YAML the user can read, copy or download first.
 * Folded until opened, and only then is the YAML printed.
 */
export const YamlPreview: FC<{ objects: unknown[]; id: string; toggleText?: string }> = ({
  objects,
  id,
  toggleText,
}) => {
  const { t } = useTranslation('plugin__mesh-console-plugin');
  const [expanded, setExpanded] = useState(false);
  return (
    <ExpandableSection
      toggleText={toggleText ?? t('Show the YAML that will be created')}
      isExpanded={expanded}
      onToggle={(_, v) => setExpanded(v)}
      data-test={`yaml-preview-${id}`}
    >
      {expanded && <YamlBlockView objects={objects} id={id} />}
    </ExpandableSection>
  );
};
