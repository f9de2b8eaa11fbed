/**
 * The console SDK at the module boundary. Jest picks this up for the node_modules package.
 * Each stub is typed as the real export, so the mock cannot drift from the SDK's signatures.
 * Data hooks are jest.fn()s that a test sets; components render the minimum a test reads.
 */
import type * as SDK from '@openshift-console/dynamic-plugin-sdk';
import { SortByDirection } from '@patternfly/react-table';
import { useCallback, useMemo, useState } from 'react';
import type { FC } from 'react';

export const useK8sWatchResource = jest.fn(() => [
  undefined,
  false,
  undefined,
]) as unknown as jest.MockedFunction<typeof SDK.useK8sWatchResource>;
export const useK8sWatchResources = jest.fn(() => ({})) as unknown as jest.MockedFunction<
  typeof SDK.useK8sWatchResources
>;
export const useK8sModels = jest.fn(() => [{}, false]) as unknown as jest.MockedFunction<
  typeof SDK.useK8sModels
>;
export const useAccessReview = jest.fn(() => [true, false]) as unknown as jest.MockedFunction<
  typeof SDK.useAccessReview
>;
export const useFlag = jest.fn((_flag: string) => false) as jest.MockedFunction<typeof SDK.useFlag>;

// Writes fail loudly unless a test gives them an implementation: a silent `undefined` would
// let code that forgot to await or check a write pass its test.
const unstubbed = (name: string) => () => Promise.reject(new Error(`${name} is not stubbed`));
export const k8sGet = jest.fn(unstubbed('k8sGet')) as unknown as jest.MockedFunction<
  typeof SDK.k8sGet
>;
export const k8sCreate = jest.fn(unstubbed('k8sCreate')) as unknown as jest.MockedFunction<
  typeof SDK.k8sCreate
>;
export const k8sUpdate = jest.fn(unstubbed('k8sUpdate')) as unknown as jest.MockedFunction<
  typeof SDK.k8sUpdate
>;
export const k8sPatch = jest.fn(unstubbed('k8sPatch')) as unknown as jest.MockedFunction<
  typeof SDK.k8sPatch
>;
export const k8sListItems = jest.fn(unstubbed('k8sListItems')) as unknown as jest.MockedFunction<
  typeof SDK.k8sListItems
>;
export const k8sDelete = jest.fn(unstubbed('k8sDelete')) as unknown as jest.MockedFunction<
  typeof SDK.k8sDelete
>;
// Reads through the console's plugin proxy (Kiali): a test answers each URL it expects.
export const consoleFetchJSON = jest.fn(
  unstubbed('consoleFetchJSON'),
) as unknown as jest.MockedFunction<typeof SDK.consoleFetchJSON>;

export const DocumentTitle: typeof SDK.DocumentTitle = ({ children }) => {
  document.title = children;
  return null;
};

const refOf = (gvk?: SDK.K8sGroupVersionKind) =>
  gvk ? [gvk.group ?? 'core', gvk.version, gvk.kind].join('~') : 'unknown';

export const ResourceLink: typeof SDK.ResourceLink = ({
  groupVersionKind,
  name,
  namespace,
  displayName,
}) => (
  <a
    href={`/k8s/${namespace ? `ns/${namespace}` : 'cluster'}/${refOf(groupVersionKind)}/${name}`}
    data-test-kind={groupVersionKind?.kind}
  >
    {displayName ?? name}
  </a>
);

const status = (kind: string): FC<SDK.StatusComponentProps> => {
  const Status: FC<SDK.StatusComponentProps> = ({ title }) => (
    <span data-status={kind}>{title}</span>
  );
  return Status;
};

export const SuccessStatus: typeof SDK.SuccessStatus = status('success');
export const ErrorStatus: typeof SDK.ErrorStatus = status('error');
export const ProgressStatus: typeof SDK.ProgressStatus = status('progress');
export const InfoStatus: typeof SDK.InfoStatus = status('info');

// Prometheus through the console's proxy: a test answers each query it expects.
export const usePrometheusPoll = jest.fn(() => [
  undefined,
  true,
  undefined,
]) as unknown as jest.MockedFunction<typeof SDK.usePrometheusPoll>;
// The SDK's runtime values of its PrometheusEndpoint enum.
export const PrometheusEndpoint = {
  LABEL: 'api/v1/label',
  QUERY: 'api/v1/query',
  QUERY_RANGE: 'api/v1/query_range',
  RULES: 'api/v1/rules',
  TARGETS: 'api/v1/targets',
} as unknown as typeof SDK.PrometheusEndpoint;
/** The console's chart: the queries it would plot, for a test to read. */
export const QueryBrowser: typeof SDK.QueryBrowser = ({ queries, namespace }) => (
  <div data-test="query-browser" data-namespace={namespace ?? ''}>
    {queries.map((q) => (
      <code key={q}>{q}</code>
    ))}
  </div>
);

// --- the console's list primitives, as much of them as a list's test reads ---------------
export const ListPageBody: typeof SDK.ListPageBody = ({ children }) => <div>{children}</div>;

type FilterState = Record<string, SDK.FilterValue>;
/**
 * The console's hook: filter values by type, applied by the rowFilters' own functions; the
 * built-in name filter (the console's is fuzzy) matches a substring of metadata.name.
 */
export const useListPageFilter: typeof SDK.useListPageFilter = <D, R>(
  data: D[],
  rowFilters?: SDK.AnyRowFilter<R>[],
) => {
  const [filter, setFilter] = useState<FilterState>({});
  const onFilterChange = useCallback<SDK.OnFilterChange>(
    (type, value) => setFilter((s) => ({ ...s, [type]: value })),
    [],
  );
  const filtered = useMemo(() => {
    const fns: Record<string, (v: SDK.FilterValue, o: D) => boolean> = {
      name: (v, o) =>
        ((o as SDK.K8sResourceCommon).metadata?.name ?? '').includes(v.selected?.[0] ?? ''),
    };
    for (const f of rowFilters ?? []) fns[f.type] = f.filter as never;
    return data.filter((d) =>
      Object.entries(filter).every(([type, v]) => !fns[type] || fns[type](v, d)),
    );
  }, [data, filter, rowFilters]);
  return [data, filtered, onFilterChange];
};

/** The name filter as a text box, and each row filter item as a checkbox (no debounce). */
export const ListPageFilter: typeof SDK.ListPageFilter = ({
  data,
  loaded,
  rowFilters,
  onFilterChange,
  nameFilterPlaceholder,
  hideNameLabelFilters,
}) => {
  const [selected, setSelected] = useState<string[]>([]);
  if (!loaded || !(data as unknown[])?.length) return null;
  const toggle = (id: string) => {
    const next = selected.includes(id) ? selected.filter((s) => s !== id) : [...selected, id];
    setSelected(next);
    for (const f of rowFilters ?? []) {
      const all = f.items.map((i) => i.id);
      onFilterChange(f.type, { selected: next.filter((s) => all.includes(s)), all });
    }
  };
  return (
    <div data-test="filter-toolbar">
      {!hideNameLabelFilters && (
        <input
          type="text"
          data-test="name-filter-input"
          aria-label={nameFilterPlaceholder ?? 'Search by name...'}
          onChange={(e) => onFilterChange('name', { selected: [e.target.value] })}
        />
      )}
      {rowFilters?.flatMap((f) =>
        f.items.map((i) => (
          <label key={i.id}>
            <input
              type="checkbox"
              data-test-row-filter={i.id}
              checked={selected.includes(i.id)}
              onChange={() => toggle(i.id)}
            />
            {i.title}
          </label>
        )),
      )}
    </div>
  );
};

/** Rows the mocked VirtualizedTable renders, as if the window had room for this many. */
const VIRTUAL_WINDOW_ROWS = 20;

/**
 * The console's table: sorted by the sortColumnIndex column (a header click sorts by another),
 * the empty messages of its StatusBox, and only the rows a window would show.
 */
export const VirtualizedTable: typeof SDK.VirtualizedTable = <D, R>({
  data,
  unfilteredData,
  columns,
  Row,
  rowData,
  NoDataEmptyMsg,
  EmptyMsg,
  sortColumnIndex = 0,
  'aria-label': ariaLabel,
}: SDK.VirtualizedTableProps<D, R>) => {
  const [sortBy, setSortBy] = useState({ index: sortColumnIndex, desc: false });
  const activeColumnIDs = useMemo(() => new Set(columns.map((c) => c.id)), [columns]);
  if (NoDataEmptyMsg && !(unfilteredData as unknown[])?.length) return <NoDataEmptyMsg />;
  if (!data.length) return EmptyMsg ? <EmptyMsg /> : <div>None found</div>;
  const sort = columns[sortBy.index]?.sort;
  const sorted =
    typeof sort === 'function'
      ? sort(data, sortBy.desc ? SortByDirection.desc : SortByDirection.asc)
      : data;
  return (
    <table aria-label={ariaLabel}>
      <thead>
        <tr>
          {columns.map((c, index) => (
            <th key={c.id || 'actions'}>
              {c.sort ? (
                <button
                  type="button"
                  onClick={() =>
                    setSortBy((s) => ({ index, desc: s.index === index ? !s.desc : false }))
                  }
                >
                  {c.title}
                </button>
              ) : (
                c.title
              )}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {sorted.slice(0, VIRTUAL_WINDOW_ROWS).map((obj, index) => (
          <tr key={index} data-index={index}>
            <Row obj={obj} rowData={rowData as R} activeColumnIDs={activeColumnIDs} index={index} />
          </tr>
        ))}
      </tbody>
    </table>
  );
};

export const TableData: typeof SDK.TableData = ({ id, activeColumnIDs, className, children }) =>
  activeColumnIDs.has(id) || id === '' ? (
    <td data-label={id} className={className}>
      {children}
    </td>
  ) : null;

// Access reviews behind Apply: allowed unless a test says otherwise.
export const checkAccess = jest.fn(() =>
  Promise.resolve({ status: { allowed: true } }),
) as unknown as jest.MockedFunction<typeof SDK.checkAccess>;
/** The console's editor as a textarea a test can type into. */
export const CodeEditor = (({
  value,
  onChange,
}: {
  value?: string;
  onChange?: (v: string) => void;
}) => (
  <textarea
    aria-label="Code editor"
    data-test="code-editor"
    value={value}
    onChange={(e) => onChange?.(e.target.value)}
  />
)) as unknown as typeof SDK.CodeEditor;
