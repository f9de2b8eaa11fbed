import { ResourceLink, TableData } from '@openshift-console/dynamic-plugin-sdk';
import type {
  RowFilter,
  RowProps,
  RowSearchFilter,
  TableColumn,
} from '@openshift-console/dynamic-plugin-sdk';
import { Button, EmptyState, EmptyStateBody, Flex } from '@patternfly/react-core';
import { SortByDirection } from '@patternfly/react-table';
import { useMemo } from 'react';
import type { FC } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { FilteredList } from '../components/FilteredList';
import { formLabel } from '../components/formLabel';
import { routingText } from '../components/issues/routingText';
import { formPath, formsFor } from '../mesh/forms/registry';
import { describeGatewayRouting } from '../mesh/traffic/gatewayRoutes';
import type { GatewayRoute } from '../mesh/traffic/gatewayRoutes';
import { describeRouting } from '../mesh/traffic/trafficSplit';
import { ServiceModel, modelToGroupVersionKind } from '../models';
import type { DestinationRule, Service, VirtualService } from '../models';
import { routedServices, routingLookup } from './useTrafficData';

const serviceGVK = modelToGroupVersionKind(ServiceModel);
const nameOf = (s: Service) => s.metadata?.name ?? '';
const namespaceOf = (s: Service) => s.metadata?.namespace ?? '';
const key = (s: Service) => `${namespaceOf(s)}/${nameOf(s)}`;

// Natural order (svc-2 before svc-10), as the console sorts its lists.
const collator = new Intl.Collator(undefined, { numeric: true });
const sortOn =
  (...fields: ((s: Service) => string)[]) =>
  (data: Service[], direction: SortByDirection) => {
    const sign = direction === SortByDirection.desc ? -1 : 1;
    const compare = (a: Service, b: Service) => {
      for (const f of fields) {
        const c = collator.compare(f(a), f(b));
        if (c) return c;
      }
      return 0;
    };
    return [...data].sort((a, b) => sign * compare(a, b));
  };

const NO_ROUTES: GatewayRoute[] = [];

type RowData = { lookup: ReturnType<typeof routingLookup> };

// Widths shared by the header and the rows: the console's virtualized table lays each row out
// as its own fixed table, so every cell of a column needs the same width.
const WIDTH = { name: 'pf-m-width-20', namespace: 'pf-m-width-20', routing: 'pf-m-width-25' };

/** One service: the console renders only the rows in view, so only theirs is worked out. */
const ServiceRow: FC<RowProps<Service, RowData>> = ({ obj, activeColumnIDs, rowData }) => {
  const { t } = useTranslation('plugin__mesh-console-plugin');
  const name = nameOf(obj);
  const ns = namespaceOf(obj);
  const { vs, dr, route } = rowData.lookup(obj);
  const summary = route
    ? {
        service: name,
        parts: [
          ...(vs || dr ? describeRouting(vs, dr).parts : []),
          ...describeGatewayRouting(route, name).parts,
        ],
      }
    : describeRouting(vs, dr);
  return (
    <>
      <TableData id="name" activeColumnIDs={activeColumnIDs} className={WIDTH.name}>
        <ResourceLink groupVersionKind={serviceGVK} name={name} namespace={ns} />
      </TableData>
      <TableData id="namespace" activeColumnIDs={activeColumnIDs} className={WIDTH.namespace}>
        {ns}
      </TableData>
      <TableData id="routing" activeColumnIDs={activeColumnIDs} className={WIDTH.routing}>
        <span data-test={`routing-${ns}-${name}`}>{routingText(t, summary)}</span>
      </TableData>
      <TableData id="" activeColumnIDs={activeColumnIDs}>
        {/* Links, not pill buttons: every service form fits in two lines, so a row stays as
          tall as the virtualized list expects and the list shows as many services. */}
        <Flex gap={{ default: 'gapSm' }} columnGap={{ default: 'columnGapMd' }}>
          {formsFor('service').map((id) => (
            <Button
              key={id}
              variant="link"
              isInline
              component={(props) => (
                <Link {...props} to={formPath(id, { scope: 'service', namespace: ns, name })} />
              )}
              data-test={`${id}-${ns}-${name}`}
            >
              {formLabel(t, id)}
            </Button>
          ))}
        </Flex>
      </TableData>
    </>
  );
};

const NoServices: FC = () => {
  const { t } = useTranslation('plugin__mesh-console-plugin');
  return (
    <EmptyState titleText={t('No services')} headingLevel="h2" data-test="traffic-empty">
      <EmptyStateBody>{t('There are no application services in this namespace.')}</EmptyStateBody>
    </EmptyState>
  );
};

const NoMatch: FC = () => {
  const { t } = useTranslation('plugin__mesh-console-plugin');
  return (
    <EmptyState
      titleText={t('No service matches the filter')}
      headingLevel="h2"
      data-test="traffic-empty"
    >
      <EmptyStateBody>{t('Change or clear the filters above.')}</EmptyStateBody>
    </EmptyState>
  );
};

/**
 * Services with their routing, on the console's list primitives: its filter toolbar (name or
 * namespace, and whether Istio objects route the service) and its virtualized table, sorted by
 * namespace and name. A mesh with thousands of services renders the rows in view, and routing is
 * worked out only for them; the filter on routing reads sets built in one pass over the objects.
 */
export const ServiceRoutingTable: FC<{
  services: Service[];
  virtualServices: VirtualService[];
  destinationRules: DestinationRule[];
  /** HTTPRoutes and GRPCRoutes: those with a Service as parent route it. */
  routes?: GatewayRoute[];
}> = ({ services, virtualServices, destinationRules, routes = NO_ROUTES }) => {
  const { t } = useTranslation('plugin__mesh-console-plugin');
  const lookup = useMemo(
    () => routingLookup(virtualServices, destinationRules, routes),
    [virtualServices, destinationRules, routes],
  );
  const routed = useMemo(
    () => routedServices(virtualServices, destinationRules, routes),
    [virtualServices, destinationRules, routes],
  );

  const routingFilter = useMemo((): RowFilter<Service> => {
    const isMatch = (s: Service, id: string) => {
      const vs = routed.virtualService.has(key(s));
      const dr = routed.destinationRule.has(key(s));
      const route = routed.route.has(key(s));
      if (id === 'virtualservice') return vs;
      if (id === 'destinationrule') return dr;
      if (id === 'route') return route;
      return !vs && !dr && !route;
    };
    return {
      filterGroupName: t('Routing'),
      type: 'routing',
      items: [
        { id: 'virtualservice', title: t('Has a VirtualService') },
        { id: 'destinationrule', title: t('Has a DestinationRule') },
        { id: 'route', title: t('Has an HTTPRoute or GRPCRoute') },
        { id: 'none', title: t('Mesh defaults only') },
      ],
      isMatch,
      filter: ({ selected }, s) => !selected?.length || selected.some((id) => isMatch(s, id)),
    };
  }, [routed, t]);
  // Replaces the console's name filter (fuzzy, on the name only) with a plain substring of
  // "namespace/name", so a service is found by either.
  const nameFilter = useMemo(
    (): RowSearchFilter<Service> => ({
      filterGroupName: t('Name or namespace'),
      type: 'name',
      filter: ({ selected }, s) => {
        const query = selected?.[0]?.trim().toLowerCase();
        return !query || key(s).toLowerCase().includes(query);
      },
    }),
    [t],
  );
  const rowFilters = useMemo(() => [routingFilter], [routingFilter]);
  const rowData = useMemo(() => ({ lookup }), [lookup]);

  const columns = useMemo(
    (): TableColumn<Service>[] => [
      {
        title: t('Service'),
        id: 'name',
        sort: sortOn(nameOf, namespaceOf),
        props: { className: WIDTH.name },
      },
      {
        title: t('Namespace'),
        id: 'namespace',
        sort: sortOn(namespaceOf, nameOf),
        props: { className: WIDTH.namespace },
      },
      { title: t('Routing'), id: 'routing', props: { className: WIDTH.routing } },
      { title: '', id: '' },
    ],
    [t],
  );

  return (
    <FilteredList<Service, RowData>
      testId="traffic-table"
      rows={services}
      rowFilters={rowFilters}
      search={nameFilter}
      searchTitle={t('Name or namespace')}
      searchPlaceholder={t('Search by name or namespace...')}
      columns={columns}
      Row={ServiceRow}
      rowData={rowData}
      ariaLabel={t('Services and their routing')}
      label={t('Services')}
      sortColumnIndex={1}
      NoDataEmptyMsg={NoServices}
      EmptyMsg={NoMatch}
    />
  );
};
