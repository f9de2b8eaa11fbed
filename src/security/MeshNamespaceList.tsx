import {
  ListPageFilter,
  TableData,
  VirtualizedTable,
  useListPageFilter,
} from '@openshift-console/dynamic-plugin-sdk';
import type {
  K8sResourceCommon,
  RowProps,
  TableColumn,
} from '@openshift-console/dynamic-plugin-sdk';
import { SortByDirection } from '@patternfly/react-table';
import { useMemo } from 'react';
import type { FC } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { securityPagePath } from '../mesh/forms/registry';

const nameOf = (ns: K8sResourceCommon) => ns.metadata?.name ?? '';

const byName = (data: K8sResourceCommon[], direction: SortByDirection) =>
  [...data].sort(
    (a, b) =>
      (direction === SortByDirection.desc ? -1 : 1) *
      nameOf(a).localeCompare(nameOf(b), undefined, { numeric: true }),
  );

const NamespaceRow: FC<RowProps<K8sResourceCommon>> = ({ obj, activeColumnIDs }) => (
  <TableData id="name" activeColumnIDs={activeColumnIDs}>
    <Link to={securityPagePath(nameOf(obj))}>{nameOf(obj)}</Link>
  </TableData>
);

/**
 * The mesh's member namespaces, each a way into its Security page, on the console's list
 * primitives (its name filter matches them as it matches any object's name).
 */
export const MeshNamespaceList: FC<{ namespaces: string[] }> = ({ namespaces }) => {
  const { t } = useTranslation('plugin__mesh-console-plugin');
  // Shaped as objects so the console's own name filter applies.
  const objects = useMemo(
    () => namespaces.map((name): K8sResourceCommon => ({ metadata: { name } })),
    [namespaces],
  );
  const [data, filtered, onFilterChange] = useListPageFilter(objects);
  const columns = useMemo(
    (): TableColumn<K8sResourceCommon>[] => [{ title: t('Namespace'), id: 'name', sort: byName }],
    [t],
  );
  return (
    <>
      <ListPageFilter data={data} loaded onFilterChange={onFilterChange} hideLabelFilter />
      <div data-test="member-namespaces" data-total={filtered.length}>
        <VirtualizedTable<K8sResourceCommon>
          data={filtered}
          unfilteredData={data}
          loaded
          loadError={undefined}
          columns={columns}
          Row={NamespaceRow}
          aria-label={t('Namespaces in the mesh')}
          label={t('Namespaces')}
        />
      </div>
    </>
  );
};
