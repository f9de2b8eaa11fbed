import { Content } from '@patternfly/react-core';
import type { FC } from 'react';
import { useTranslation } from 'react-i18next';
import { sameContent } from '../../mesh/forms/editPlan';
import { DiffLinesView } from './lazyYamlViews';

/**
 * What a write will change in one object, as a line diff of its YAML. Without `after` the object
 * is deleted: every line goes. An unchanged object is only named, so nothing loads the differ.
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
  return (
    <div data-test={`diff-${id}`} data-changed={changed} data-removed={removed}>
      <Content component="h4">
        {title}
        {!before && ` (${t('new')})`}
        {removed && ` (${t('deleted')})`}
        {!changed && ` (${t('unchanged')})`}
      </Content>
      {changed && <DiffLinesView before={before} after={after} />}
    </div>
  );
};
