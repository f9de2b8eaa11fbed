import { Button } from '@patternfly/react-core';
import { useState } from 'react';
import type { FC } from 'react';
import { useTranslation } from 'react-i18next';
import { NamespaceList } from '../components/NamespaceList';

export const MEMBERS_SHOWN = 10;

/**
 * A control plane's member namespaces: the first few, and the rest on request, so a mesh of
 * hundreds of namespaces keeps its card short and renders a handful of links.
 */
export const MemberNamespaces: FC<{ names: string[]; emptyText: string; dataTest?: string }> = ({
  names,
  emptyText,
  dataTest,
}) => {
  const { t } = useTranslation('plugin__mesh-console-plugin');
  const [showAll, setShowAll] = useState(false);
  const hidden = names.length - MEMBERS_SHOWN;
  return (
    <>
      <NamespaceList
        names={showAll || hidden <= 0 ? names : names.slice(0, MEMBERS_SHOWN)}
        emptyText={emptyText}
        dataTest={dataTest}
      />
      {hidden > 0 && (
        <Button
          variant="link"
          isInline
          onClick={() => setShowAll(!showAll)}
          data-test={dataTest ? `${dataTest}-toggle` : undefined}
        >
          {showAll
            ? t('Show fewer')
            : t('Show all {{count}} namespaces ({{hidden}} more)', {
                count: names.length,
                hidden,
              })}
        </Button>
      )}
    </>
  );
};
