import { Spinner } from '@patternfly/react-core';
import { lazy, Suspense } from 'react';
import type { ComponentProps, FC } from 'react';
import { useTranslation } from 'react-i18next';
import type { DiffLines, YamlBlock } from './yamlViews';

// One chunk for both: whoever shows one soon shows the other.
const load = () => import(/* webpackChunkName: "yaml-views" */ './yamlViews');
const LazyDiff = lazy(() => load().then((m) => ({ default: m.DiffLines })));
const LazyBlock = lazy(() => load().then((m) => ({ default: m.YamlBlock })));

const Loading: FC = () => {
  const { t } = useTranslation('plugin__mesh-console-plugin');
  return <Spinner size="md" aria-label={t('Loading YAML')} />;
};

export const DiffLinesView: FC<ComponentProps<typeof DiffLines>> = (props) => (
  <Suspense fallback={<Loading />}>
    <LazyDiff {...props} />
  </Suspense>
);

export const YamlBlockView: FC<ComponentProps<typeof YamlBlock>> = (props) => (
  <Suspense fallback={<Loading />}>
    <LazyBlock {...props} />
  </Suspense>
);
