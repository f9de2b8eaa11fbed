import { ResourceIcon, TableData } from '@openshift-console/dynamic-plugin-sdk';
import type {
  RowFilter,
  RowProps,
  RowSearchFilter,
  TableColumn,
} from '@openshift-console/dynamic-plugin-sdk';
import { EmptyState, EmptyStateBody } from '@patternfly/react-core';
import { SortByDirection } from '@patternfly/react-table';
import { useMemo } from 'react';
import type { FC } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { FilteredList } from '../components/FilteredList';
import { appliesToText } from '../components/issues/appliesToText';
import { ProblemCounts } from '../components/ProblemCounts';
import type { ListedKind } from '../k8s/useMeshConfigObjects';
import { describeAppliesTo } from '../mesh/config/describeAppliesTo';
import { configDetailsPath } from '../mesh/config/paths';
import { modelToGroupVersionKind } from '../models';
import type { ConfigRow } from './configRows';
import { kindLabel } from './kindLabel';

const nameOf = (r: ConfigRow) => r.obj.metadata?.name ?? '';
const namespaceOf = (r: ConfigRow) => r.obj.metadata?.namespace ?? '';
const kindOf = (r: ConfigRow) => r.kind.kind;
const path = (r: ConfigRow) => `${namespaceOf(r)}/${nameOf(r)}`;
/** The kind describeAppliesTo knows the object as (a Gateway API Gateway is no Istio Gateway). */
const appliesKind = (k: ListedKind) => (k.type === 'k8sgateways' ? 'K8sGateway' : k.kind);

// Natural order (svc-2 before svc-10), as the console sorts its lists.
const collator = new Intl.Collator(undefined, { numeric: true });
const compareOn =
  (...fields: ((r: ConfigRow) => string | number)[]) =>
  (a: ConfigRow, b: ConfigRow) => {
    for (const f of fields) {
      const x = f(a);
      const y = f(b);
      const c =
        typeof x === 'number' && typeof y === 'number'
          ? x - y
          : collator.compare(String(x), String(y));
      if (c) return c;
    }
    return 0;
  };
const sortWith =
  (compare: (a: ConfigRow, b: ConfigRow) => number) =>
  (data: ConfigRow[], direction: SortByDirection) => {
    const sign = direction === SortByDirection.desc ? -1 : 1;
    return [...data].sort((a, b) => sign * compare(a, b));
  };
/** Most errors first when descending, then most warnings; clean objects by namespace and name. */
const byProblems = compareOn(
  (r) => r.errors,
  (r) => r.warnings,
);

type RowData = { rootNamespace: string };

// Widths shared by the header and the rows: the console's virtualized table lays each row out
// as its own fixed table, so every cell of a column needs the same width.
const WIDTH = {
  kind: 'pf-m-width-15',
  name: 'pf-m-width-20',
  namespace: 'pf-m-width-15',
  appliesTo: 'pf-m-width-30',
};

/** One object: the console renders only the rows in view, so only theirs is worded. */
const ConfigObjectRow: FC<RowProps<ConfigRow, RowData>> = ({
  obj: row,
  activeColumnIDs,
  rowData,
}) => {
  const { t } = useTranslation('plugin__mesh-console-plugin');
  const name = nameOf(row);
  const ns = namespaceOf(row);
  const id = `${row.kind.id}-${ns}-${name}`;
  const applies = appliesToText(
    t,
    describeAppliesTo(row.obj, rowData.rootNamespace, appliesKind(row.kind)),
  );
  return (
    <>
      <TableData id="kind" activeColumnIDs={activeColumnIDs} className={WIDTH.kind}>
        <span data-test={`kind-${id}`}>
          <ResourceIcon groupVersionKind={modelToGroupVersionKind(row.kind.model)} />{' '}
          {kindLabel(t, row.kind)}
        </span>
      </TableData>
      <TableData id="name" activeColumnIDs={activeColumnIDs} className={WIDTH.name}>
        <Link to={configDetailsPath(ns, row.kind.type, name)} data-test={`config-link-${id}`}>
          {name}
        </Link>
      </TableData>
      <TableData id="namespace" activeColumnIDs={activeColumnIDs} className={WIDTH.namespace}>
        {ns}
      </TableData>
      <TableData id="appliesTo" activeColumnIDs={activeColumnIDs} className={WIDTH.appliesTo}>
        <span data-test={`applies-to-${id}`}>{applies || '-'}</span>
      </TableData>
      <TableData id="problems" activeColumnIDs={activeColumnIDs}>
        <ProblemCounts errors={row.errors} warnings={row.warnings} testId={`problems-${id}`} />
      </TableData>
    </>
  );
};

const NoObjects: FC = () => {
  const { t } = useTranslation('plugin__mesh-console-plugin');
  return (
    <EmptyState
      titleText={t('No Istio configuration')}
      headingLevel="h2"
      data-test="istio-config-empty"
    >
      <EmptyStateBody>
        {t(
          'There are no Istio objects here. The traffic and security forms create them when you change routing or policies.',
        )}
      </EmptyStateBody>
    </EmptyState>
  );
};

const NoMatch: FC = () => {
  const { t } = useTranslation('plugin__mesh-console-plugin');
  return (
    <EmptyState
      titleText={t('No object matches the filter')}
      headingLevel="h2"
      data-test="istio-config-empty"
    >
      <EmptyStateBody>{t('Change or clear the filters above.')}</EmptyStateBody>
    </EmptyState>
  );
};

/**
 * Every Istio object with what it applies to and how many problems it has, on the console's list
 * primitives: its filter toolbar (kind, problems, name or namespace) and its virtualized table.
 * The rows arrive with their counts; a row in view words its own "applies to", so thousands of
 * objects cost one pass to build the rows and nothing per row out of view.
 */
export const IstioConfigTable: FC<{ rows: ConfigRow[]; rootNamespace: string }> = ({
  rows,
  rootNamespace,
}) => {
  const { t } = useTranslation('plugin__mesh-console-plugin');
  // One filter item per kind present, in the order the kinds are listed.
  const kindsPresent = useMemo(() => {
    const seen = new Map<string, ListedKind>();
    for (const r of rows) if (!seen.has(r.kind.id)) seen.set(r.kind.id, r.kind);
    return [...seen.values()];
  }, [rows]);

  const kindFilter = useMemo((): RowFilter<ConfigRow> => {
    const isMatch = (r: ConfigRow, id: string) => r.kind.id === id;
    return {
      filterGroupName: t('Kind'),
      type: 'kind',
      items: kindsPresent.map((k) => ({ id: k.id, title: kindLabel(t, k) })),
      isMatch,
      filter: ({ selected }, r) => !selected?.length || selected.some((id) => isMatch(r, id)),
    };
  }, [kindsPresent, t]);
  const problemsFilter = useMemo((): RowFilter<ConfigRow> => {
    const isMatch = (r: ConfigRow, id: string) =>
      id === 'errors' ? r.errors > 0 : id === 'warnings' ? r.warnings > 0 : r.issues.length === 0;
    return {
      filterGroupName: t('Problems'),
      type: 'problems',
      items: [
        { id: 'errors', title: t('Errors') },
        { id: 'warnings', title: t('Warnings') },
        { id: 'none', title: t('No problems') },
      ],
      isMatch,
      filter: ({ selected }, r) => !selected?.length || selected.some((id) => isMatch(r, id)),
    };
  }, [t]);
  // Replaces the console's name filter (fuzzy, on the name only) with a plain substring of
  // "namespace/name", so an object is found by either.
  const nameFilter = useMemo(
    (): RowSearchFilter<ConfigRow> => ({
      filterGroupName: t('Name or namespace'),
      type: 'name',
      filter: ({ selected }, r) => {
        const query = selected?.[0]?.trim().toLowerCase();
        return !query || path(r).toLowerCase().includes(query);
      },
    }),
    [t],
  );
  const rowFilters = useMemo(() => [kindFilter, problemsFilter], [kindFilter, problemsFilter]);
  const rowData = useMemo(() => ({ rootNamespace }), [rootNamespace]);

  const columns = useMemo(
    (): TableColumn<ConfigRow>[] => [
      {
        title: t('Kind'),
        id: 'kind',
        sort: sortWith(compareOn(kindOf, namespaceOf, nameOf)),
        props: { className: WIDTH.kind },
      },
      {
        title: t('Name'),
        id: 'name',
        sort: sortWith(compareOn(nameOf, namespaceOf, kindOf)),
        props: { className: WIDTH.name },
      },
      {
        title: t('Namespace'),
        id: 'namespace',
        sort: sortWith(compareOn(namespaceOf, kindOf, nameOf)),
        props: { className: WIDTH.namespace },
      },
      { title: t('Applies to'), id: 'appliesTo', props: { className: WIDTH.appliesTo } },
      {
        title: t('Problems'),
        id: 'problems',
        sort: sortWith((a, b) => byProblems(a, b) || compareOn(namespaceOf, nameOf)(b, a)),
      },
    ],
    [t],
  );

  return (
    <FilteredList<ConfigRow, RowData>
      testId="istio-config-table"
      rows={rows}
      rowFilters={rowFilters}
      search={nameFilter}
      searchTitle={t('Name or namespace')}
      searchPlaceholder={t('Search by name or namespace...')}
      columns={columns}
      Row={ConfigObjectRow}
      rowData={rowData}
      ariaLabel={t('Istio objects and their problems')}
      label={t('Istio objects')}
      sortColumnIndex={2}
      NoDataEmptyMsg={NoObjects}
      EmptyMsg={NoMatch}
    />
  );
};
