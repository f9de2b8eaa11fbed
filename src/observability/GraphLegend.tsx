import { Flex, FlexItem, Icon } from '@patternfly/react-core';
import {
  BoltIcon,
  BugIcon,
  RouteIcon,
  CubeIcon,
  CubesIcon,
  ExclamationTriangleIcon,
  LockIcon,
  LayerGroupIcon,
} from '@patternfly/react-icons';
import type { FC, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

const Item: FC<{ icon: ReactNode; children: string }> = ({ icon, children }) => (
  <FlexItem>
    <Icon isInline>{icon}</Icon> {children}
  </FlexItem>
);

/** What the graph's shapes and marks mean. */
export const GraphLegend: FC = () => {
  const { t } = useTranslation('plugin__mesh-console-plugin');
  return (
    <Flex
      gap={{ default: 'gapLg' }}
      style={{
        fontSize: 'var(--pf-t--global--font--size--body--sm)',
        color: 'var(--pf-t--global--text--color--subtle)',
      }}
      data-test="graph-legend"
    >
      <Item icon={<CubesIcon />}>{t('App version (square)')}</Item>
      <Item icon={<LayerGroupIcon />}>{t('Service (diamond)')}</Item>
      <Item icon={<CubeIcon />}>{t('Workload (circle)')}</Item>
      <Item icon={<LockIcon />}>{t('mTLS')}</Item>
      <Item icon={<RouteIcon />}>{t('Routing rules')}</Item>
      <Item icon={<BoltIcon />}>{t('Circuit breaker')}</Item>
      <Item icon={<BugIcon />}>{t('Fault injection')}</Item>
      <Item icon={<ExclamationTriangleIcon />}>{t('No sidecar')}</Item>
      <FlexItem>{t('Edges: share of requests · requests per second · errors')}</FlexItem>
    </Flex>
  );
};
