import { Flex, FlexItem, Icon } from '@patternfly/react-core';
import {
  BoltIcon,
  BugIcon,
  RouteIcon,
  CubeIcon,
  CubesIcon,
  ExclamationTriangleIcon,
  ConnectedIcon,
  LockIcon,
  LayerGroupIcon,
} from '@patternfly/react-icons';
import type { FC, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { GraphView } from '../mesh/observability/graph';

const Item: FC<{ icon: ReactNode; children: string }> = ({ icon, children }) => (
  <FlexItem>
    <Icon isInline>{icon}</Icon> {children}
  </FlexItem>
);

/**
 * What the graph's shapes and marks mean. Given the graph, it also explains what only ambient
 * meshes draw: waypoint proxies and ztunnel's TCP connections.
 */
export const GraphLegend: FC<{ view?: GraphView }> = ({ view }) => {
  const { t } = useTranslation('plugin__mesh-console-plugin');
  const waypoints = view?.nodes.some((n) => n.flags.waypoint) ?? false;
  const tcp = view?.edges.some((e) => e.protocol === 'tcp') ?? false;
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
      {waypoints && (
        <Item icon={<ConnectedIcon />}>
          {t('Waypoint proxy (trapezoid): applies L7 routing and policy in ambient mode')}
        </Item>
      )}
      <Item icon={<LockIcon />}>{t('mTLS')}</Item>
      <Item icon={<RouteIcon />}>{t('Routing rules')}</Item>
      <Item icon={<BoltIcon />}>{t('Circuit breaker')}</Item>
      <Item icon={<BugIcon />}>{t('Fault injection')}</Item>
      <Item icon={<ExclamationTriangleIcon />}>{t('No sidecar')}</Item>
      <FlexItem>{t('Edges: share of requests · requests per second · errors')}</FlexItem>
      {tcp && (
        <FlexItem>
          {t('TCP edges: bytes per second (in ambient mode, as ztunnel reports connections)')}
        </FlexItem>
      )}
    </Flex>
  );
};
