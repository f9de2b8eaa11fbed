import { ResourceLink } from '@openshift-console/dynamic-plugin-sdk';
import {
  Button,
  EmptyState,
  EmptyStateBody,
  Flex,
  FlexItem,
  Pagination,
  TextInput,
} from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { Fragment, useMemo, useState } from 'react';
import type { FC } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { describeRouting } from '../mesh/traffic/trafficSplit';
import { ServiceModel, modelToGroupVersionKind } from '../models';
import type { DestinationRule, Service, VirtualService } from '../models';
import { routingPartText } from './routingText';
import { routingLookup } from './useTrafficData';

export const DEFAULT_PER_PAGE = 20;

const serviceGVK = modelToGroupVersionKind(ServiceModel);
const key = (s: Service) => `${s.metadata?.namespace ?? ''}/${s.metadata?.name ?? ''}`;

/**
 * Services sorted by namespace and name, filtered by a substring of either, one page at a
 * time: a mesh with thousands of services renders one page of rows, and routing is worked out
 * only for the rows on it.
 */
export const ServiceRoutingTable: FC<{
  services: Service[];
  virtualServices: VirtualService[];
  destinationRules: DestinationRule[];
}> = ({ services, virtualServices, destinationRules }) => {
  const { t } = useTranslation('plugin__mesh-console-plugin');
  const forms = [
    ['split', t('Traffic split')],
    ['circuit-breaker', t('Circuit breaker')],
    ['match-routing', t('A/B routing')],
    ['resilience', t('Timeouts, retries, faults')],
  ];
  const [filter, setFilter] = useState('');
  const [page, setPage] = useState(1);
  const [perPage, setPerPage] = useState(DEFAULT_PER_PAGE);
  const lookup = useMemo(
    () => routingLookup(virtualServices, destinationRules),
    [virtualServices, destinationRules],
  );
  const sorted = useMemo(
    () => [...services].sort((a, b) => key(a).localeCompare(key(b))),
    [services],
  );
  const query = filter.trim().toLowerCase();
  const matching = useMemo(
    () => (query ? sorted.filter((s) => key(s).toLowerCase().includes(query)) : sorted),
    [sorted, query],
  );
  // The list can shrink under the user (a filter, a deleted service): stay on a real page.
  const lastPage = Math.max(1, Math.ceil(matching.length / perPage));
  const current = Math.min(page, lastPage);
  const visible = matching.slice((current - 1) * perPage, current * perPage);

  const pagination = (variant: 'top' | 'bottom') => (
    <Pagination
      itemCount={matching.length}
      perPage={perPage}
      page={current}
      variant={variant}
      isCompact={variant === 'top'}
      onSetPage={(_, p) => setPage(p)}
      onPerPageSelect={(_, n, p) => {
        setPerPage(n);
        setPage(p);
      }}
      titles={{ paginationAriaLabel: t('Services pages ({{position}})', { position: variant }) }}
      data-test={variant === 'top' ? 'traffic-pagination' : undefined}
      data-total={variant === 'top' ? matching.length : undefined}
      data-per-page={variant === 'top' ? perPage : undefined}
    />
  );

  return (
    <>
      <Flex
        justifyContent={{ default: 'justifyContentSpaceBetween' }}
        alignItems={{ default: 'alignItemsCenter' }}
      >
        <FlexItem>
          <TextInput
            type="search"
            value={filter}
            onChange={(_, v) => {
              setFilter(v);
              setPage(1);
            }}
            aria-label={t('Filter services by name or namespace')}
            placeholder={t('Name or namespace')}
            data-test="traffic-filter"
          />
        </FlexItem>
        <FlexItem>{pagination('top')}</FlexItem>
      </Flex>
      {matching.length === 0 ? (
        <EmptyState
          titleText={query ? t('No service matches the filter') : t('No services')}
          headingLevel="h2"
          data-test="traffic-empty"
        >
          <EmptyStateBody>
            {query
              ? t('No service name or namespace contains "{{filter}}".', { filter: filter.trim() })
              : t('There are no application services in this namespace.')}
          </EmptyStateBody>
          {query && (
            <Button variant="link" onClick={() => setFilter('')}>
              {t('Clear the filter')}
            </Button>
          )}
        </EmptyState>
      ) : (
        <Table
          aria-label={t('Services and their routing')}
          variant="compact"
          data-test="traffic-table"
        >
          <Thead>
            <Tr>
              <Th>{t('Service')}</Th>
              <Th>{t('Namespace')}</Th>
              <Th>{t('Routing')}</Th>
              <Th screenReaderText={t('Actions')} />
            </Tr>
          </Thead>
          <Tbody>
            {visible.map((s) => {
              const { vs, dr } = lookup(s);
              const summary = describeRouting(vs, dr);
              const name = s.metadata?.name ?? '';
              const ns = s.metadata?.namespace ?? '';
              return (
                <Tr key={`${ns}/${name}`} data-test={`traffic-row-${ns}-${name}`}>
                  <Td dataLabel={t('Service')}>
                    <ResourceLink groupVersionKind={serviceGVK} name={name} namespace={ns} />
                  </Td>
                  <Td dataLabel={t('Namespace')}>{ns}</Td>
                  <Td dataLabel={t('Routing')} data-test={`routing-${ns}-${name}`}>
                    {summary.parts.map((p) => routingPartText(t, p)).join('; ')}
                  </Td>
                  <Td dataLabel={t('Actions')} isActionCell>
                    {forms.map(([form, label], i) => (
                      <Fragment key={form}>
                        {i > 0 && ' '}
                        <Button
                          variant="secondary"
                          size="sm"
                          component={(props) => (
                            <Link
                              {...props}
                              to={`/service-mesh/traffic/ns/${ns}/${name}/${form}`}
                            />
                          )}
                          data-test={`${form}-${ns}-${name}`}
                        >
                          {label}
                        </Button>
                      </Fragment>
                    ))}
                  </Td>
                </Tr>
              );
            })}
          </Tbody>
        </Table>
      )}
      {matching.length > perPage && pagination('bottom')}
    </>
  );
};
