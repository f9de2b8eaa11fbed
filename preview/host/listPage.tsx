// The console's list primitives as the preview host implements them: useListPageFilter
// (public/components/factory/ListPage/filter-hook.ts and table-filters.ts), ListPageFilter (its
// FilterToolbar, public/components/filter-toolbar.tsx) and VirtualizedTable with TableData
// (public/components/factory/Table/). Same props, URL parameters, class names and row
// attributes as console 4.22; the label filter, column management and search filters, which
// the plugin does not use, are recorded placeholders. Virtualization is our own, lean one
// (rows in view, in flow, with padding for the rest) in place of react-virtualized.
import type {
  AnyRowFilter,
  FilterValue,
  K8sResourceCommon,
  ListPageFilterProps,
  OnFilterChange,
  RowFilter,
  RowMatchFilter,
  RowProps,
  TableColumn,
  TableDataProps,
  UseListPageFilter,
  VirtualizedTableFC,
  VirtualizedTableProps,
} from '@openshift-console/dynamic-plugin-sdk';
import {
  Badge,
  Button,
  EmptyState,
  MenuToggle,
  Select,
  SelectGroup,
  SelectList,
  SelectOption,
  Skeleton,
  TextInput,
  Toolbar,
  ToolbarContent,
  ToolbarFilter,
  ToolbarItem,
  ToolbarToggleGroup,
} from '@patternfly/react-core';
import { FilterIcon } from '@patternfly/react-icons';
import {
  SortByDirection,
  Table,
  TableGridBreakpoint,
  Td,
  Th,
  Thead,
  Tr,
} from '@patternfly/react-table';
import type { ISortBy, OnSelect, OnSort } from '@patternfly/react-table';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { ComponentType, FC, ReactNode } from 'react';
import { useLocation, useNavigate } from 'react-router';

type Placeholder = (name: string) => FC;

// ---------------------------------------------------------------- URL parameters
/**
 * The console's useQueryParamsMutator().setOrRemoveQueryArgument: set or remove one search
 * parameter in place (history replace, state and hash kept), only when it changes.
 */
const useSetQueryArgument = () => {
  const navigate = useNavigate();
  const location = useLocation();
  const current = useRef(location);
  current.current = location;
  return useCallback(
    (key: string, value: string) => {
      const { pathname, search, hash, state } = current.current;
      const params = new URLSearchParams(search);
      if ((params.get(key) ?? '') === value) return;
      if (value) params.set(key, value);
      else params.delete(key);
      navigate(`${pathname}?${params}${hash}`, { replace: true, state });
    },
    [navigate],
  );
};

// ---------------------------------------------------------------- useListPageFilter
type FilterMap = Record<string, (value: FilterValue, obj: never) => boolean>;

/** The fuzzysearch package the console matches names with: the needle's letters, in order. */
const fuzzy = (needle: string, haystack: string) => {
  const n = needle.toLowerCase();
  const h = haystack.toLowerCase();
  if (n.length > h.length) return false;
  let j = 0;
  for (const c of n) {
    j = h.indexOf(c, j) + 1;
    if (j === 0) return false;
  }
  return true;
};

const labelStrings = (obj: K8sResourceCommon) =>
  Object.entries(obj.metadata?.labels ?? {}).map(([k, v]) => `${k}=${v}`);

// The console's built-in filters the plugin can meet (its exact-search preference is off by
// default, so names match fuzzily). Like the console, `name` reads obj.metadata.name: a list of
// other objects must bring its own `name` filter.
const TABLE_FILTERS: FilterMap = {
  name: (filter, obj: K8sResourceCommon) =>
    fuzzy(filter.selected?.[0] ?? '', (obj.metadata as { name: string }).name),
  labels: (values, obj: K8sResourceCommon) =>
    !Array.isArray(values.all) || values.all.every((v) => labelStrings(obj).includes(v)),
};

const isEmptyValue = (v?: FilterValue) => !v || Object.keys(v).length === 0;

const filterData = <D,>(data: D[], filter: Record<string, FilterValue> = {}, fns: FilterMap) =>
  data?.filter((d) =>
    Object.keys(filter).every((type) =>
      fns[type] && !isEmptyValue(filter[type]) ? fns[type](filter[type], d as never) : true,
    ),
  );

export const useListPageFilter: UseListPageFilter = <D, R>(
  data: D[],
  rowFilters?: AnyRowFilter<R>[],
  staticFilters?: Record<string, FilterValue>,
) => {
  const [filter, setFilter] = useState<Record<string, FilterValue>>();
  const location = useLocation();

  // A `name` in the URL (a bookmarked filter) applies from the start.
  useEffect(() => {
    const name = new URLSearchParams(location.search).get('name');
    if (name !== null && name !== filter?.name?.selected?.[0]) {
      setFilter((state) => ({ ...state, name: { selected: [name] } }));
    }
  }, [filter, location]);

  const onFilterChange = useCallback<OnFilterChange>(
    (type, value) => setFilter((state) => ({ ...state, [type]: value })),
    [],
  );

  return useMemo(() => {
    const fns: FilterMap = { ...TABLE_FILTERS };
    for (const f of rowFilters ?? []) {
      if (f.type && typeof f.filter === 'function') fns[f.type] = f.filter as FilterMap[string];
    }
    const staticData = filterData(data, staticFilters, fns);
    return [staticData, filterData(staticData, filter, fns), onFilterChange];
  }, [data, filter, onFilterChange, rowFilters, staticFilters]);
};

// ---------------------------------------------------------------- ListPageFilter
const ROW_FILTER_PREFIX = 'rowFilter-';

const useDebounced = <A extends unknown[]>(fn: (...args: A) => void, ms: number) => {
  const timer = useRef<number>();
  useEffect(() => () => window.clearTimeout(timer.current), []);
  return useCallback(
    (...args: A) => {
      window.clearTimeout(timer.current);
      timer.current = window.setTimeout(() => fn(...args), ms);
    },
    [fn, ms],
  );
};

const itemCount = (rowFilter: RowFilter, data: unknown[], id: string) =>
  (rowFilter as RowMatchFilter).isMatch
    ? data.filter((d) => (rowFilter as RowMatchFilter).isMatch(d, id)).length
    : data.filter(
        (d) => String((rowFilter as { reducer: (o: unknown) => unknown }).reducer(d)) === id,
      ).length;

/** The console's FilterToolbar: row filters in a "Filter" menu with counts, and the name box. */
export const makeListPageFilter = (placeholder: Placeholder) => {
  const LabelFilter = placeholder('ListPageFilter label filter');
  const ColumnManagement = placeholder('ListPageFilter column management');
  const SearchFilters = placeholder('ListPageFilter rowSearchFilters');

  const FilterToolbar: FC<ListPageFilterProps> = ({
    data,
    rowFilters = [],
    nameFilterTitle,
    nameFilterPlaceholder,
    hideNameLabelFilters,
    hideLabelFilter,
    columnLayout,
    onFilterChange,
    hideColumnManagement,
    nameFilter: textFilter = 'name',
    rowSearchFilters = [],
  }) => {
    const setQueryArgument = useSetQueryArgument();
    const params = new URLSearchParams(window.location.search);
    const [isOpen, setIsOpen] = useState(false);
    const [nameInputText, setNameInputText] = useState(params.get(textFilter) ?? '');
    const groups = rowFilters.map((f) => ({
      ...f,
      key: `${ROW_FILTER_PREFIX}${f.type}`,
      ids: f.items.map((i) => i.id),
    }));
    const [selected, setSelected] = useState<string[]>(() => {
      const fromUrl = groups.flatMap((g) => params.get(g.key)?.split(',') ?? []);
      return fromUrl.length ? fromUrl : groups.flatMap((g) => g.defaultSelected ?? []);
    });

    const applyRowFilters = (ids: string[]) => {
      for (const g of groups) {
        const recognized = ids.filter((id) => g.ids.includes(id));
        setQueryArgument(g.key, recognized.join(','));
        onFilterChange(g.type, { selected: [...new Set(recognized)], all: g.ids });
      }
    };
    const toggle = (ids: string[]) => {
      const next = [
        ...selected.filter((s) => !ids.includes(s)),
        ...ids.filter((s) => !selected.includes(s)),
      ];
      setSelected(next);
      applyRowFilters(next);
    };
    const applyNameFilter = useCallback(
      (value: string) => {
        setQueryArgument(textFilter, value);
        onFilterChange(textFilter, { selected: [value] });
      },
      [onFilterChange, setQueryArgument, textFilter],
    );
    const debouncedName = useDebounced(applyNameFilter, 250);

    // What the URL says applies on mount, as in the console.
    useEffect(() => {
      if (!hideNameLabelFilters) onFilterChange(textFilter, { selected: [nameInputText] });
      if (groups.length) applyRowFilters(selected);
      // eslint-disable-next-line react-hooks/exhaustive-deps
    }, []);

    const titles = Object.fromEntries(groups.flatMap((g) => g.items.map((i) => [i.id, i.title])));
    const clearAll = () => {
      toggle(selected);
      if (!hideNameLabelFilters) {
        setNameInputText('');
        applyNameFilter('');
      }
    };

    const menu = (
      <div data-test-id="filter-dropdown-toggle">
        <Select
          role="menu"
          toggle={(ref) => (
            <MenuToggle ref={ref} onClick={() => setIsOpen((o) => !o)} isExpanded={isOpen}>
              <span>
                <FilterIcon className="span--icon__right-margin" /> Filter
              </span>
            </MenuToggle>
          )}
          isOpen={isOpen}
          onOpenChange={setIsOpen}
          onSelect={(_, value) => toggle([String(value)])}
          selected={selected}
          maxMenuHeight="60vh"
          isScrollable
        >
          <SelectList data-test="filter-dropdown-list">
            {groups.map((g) => (
              <SelectGroup key={g.filterGroupName} label={g.filterGroupName}>
                {g.items.map((item) => {
                  const count = itemCount(g, data as unknown[], item.id);
                  return item.hideIfEmpty && count === 0 ? null : (
                    <SelectOption
                      data-test-row-filter={item.id}
                      key={item.id}
                      value={item.id}
                      isSelected={selected.includes(item.id)}
                      hasCheckbox
                    >
                      <span className="co-filter-dropdown-item__name">{item.title}</span>
                      <Badge isRead>{count}</Badge>
                    </SelectOption>
                  );
                })}
              </SelectGroup>
            ))}
          </SelectList>
        </Select>
      </div>
    );

    return (
      <Toolbar
        className="pf-m-toggle-group-container"
        data-test="filter-toolbar"
        id="filter-toolbar"
        clearAllFilters={clearAll}
        clearFiltersButtonText="Clear all filters"
      >
        <ToolbarContent>
          {(groups.length > 0 || !hideNameLabelFilters) && (
            <ToolbarToggleGroup toggleIcon={<FilterIcon />} breakpoint="md">
              {groups.length > 0 && (
                <ToolbarItem>
                  {groups.reduce<ReactNode>(
                    (acc, g) => (
                      <ToolbarFilter
                        key={g.key}
                        labels={selected
                          .filter((id) => g.ids.includes(id))
                          .map((id) => ({ key: id, node: titles[id] }))}
                        deleteLabel={(_, label) =>
                          toggle([typeof label === 'string' ? label : label.key])
                        }
                        deleteLabelGroup={() => toggle(selected.filter((id) => g.ids.includes(id)))}
                        categoryName={g.filterGroupName}
                      >
                        {acc}
                      </ToolbarFilter>
                    ),
                    menu,
                  )}
                </ToolbarItem>
              )}
              {!hideNameLabelFilters && (
                <ToolbarItem>
                  {!hideLabelFilter && <LabelFilter />}
                  {rowSearchFilters.length > 0 && <SearchFilters />}
                  <ToolbarFilter
                    labels={nameInputText ? [nameInputText] : []}
                    deleteLabel={() => {
                      setNameInputText('');
                      applyNameFilter('');
                    }}
                    categoryName={nameFilterTitle ?? 'Name'}
                  >
                    <div className="pf-v6-c-input-group">
                      <div className="co-text-filter">
                        <TextInput
                          className="co-text-filter__text-input"
                          data-test="name-filter-input"
                          data-test-id="item-filter"
                          aria-label={nameFilterPlaceholder ?? 'Search by name...'}
                          placeholder={nameFilterPlaceholder ?? 'Search by name...'}
                          type="text"
                          value={nameInputText}
                          onChange={(_, value) => {
                            setNameInputText(value);
                            debouncedName(value);
                          }}
                        />
                      </div>
                    </div>
                  </ToolbarFilter>
                </ToolbarItem>
              )}
            </ToolbarToggleGroup>
          )}
          {columnLayout?.id && !hideColumnManagement && <ColumnManagement />}
        </ToolbarContent>
      </Toolbar>
    );
  };

  /** Shown once the data has loaded, and only when there is some to filter. */
  const ListPageFilter: FC<ListPageFilterProps> = (props) =>
    props.loaded && (props.data as unknown[])?.length ? <FilterToolbar {...props} /> : null;
  return ListPageFilter;
};

// ---------------------------------------------------------------- VirtualizedTable
const BREAKPOINTS: [number, number][] = [
  [576, 2],
  [768, 4],
  [992, 4],
  [1200, 6],
  [1400, 8],
];

/** The console hides later columns on narrow windows; the actions column (id '') stays. */
const isColumnVisible = (width: number, column: TableColumn<unknown>, ids: string[]) => {
  if (column.id === '') return true;
  const max = BREAKPOINTS.find(([w]) => width < w)?.[1];
  return max === undefined || ids.indexOf(column.id) < max;
};

/** The console's getParentScrollableElement: the nearest ancestor that scrolls. */
const scrollableParent = (node: HTMLElement | null): HTMLElement | undefined => {
  for (let n = node?.parentElement; n; n = n.parentElement) {
    const overflow = n.style.overflow || window.getComputedStyle(n).overflow;
    if (overflow.includes('scroll') || overflow.includes('auto')) return n;
  }
  return undefined;
};

const collator = new Intl.Collator(navigator.languages[0] || navigator.language, {
  numeric: true,
  ignorePunctuation: true,
});
const valueAt = (obj: unknown, path: string) =>
  path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], obj);

/** The console's sortResourceByValue for a column whose `sort` is a field path. */
const sortByPath = <D,>(data: D[], path: string, direction: SortByDirection) =>
  data.sort((a, b) => {
    const av = valueAt(a, path) ?? '';
    const bv = valueAt(b, path) ?? '';
    const result =
      typeof av === 'number' && typeof bv === 'number'
        ? av - bv
        : collator.compare(String(av), String(bv));
    if (result) return direction === SortByDirection.asc ? result : -result;
    return collator.compare(
      (a as K8sResourceCommon)?.metadata?.name ?? '',
      (b as K8sResourceCommon)?.metadata?.name ?? '',
    );
  });

/** The console's CellMeasurerCache minimum: the height assumed for rows not yet measured. */
const MIN_ROW_HEIGHT = 44;

/** Height of each row: measured where rendered once, else the average of those measured. */
const rowHeights = <D,>(data: D[], measured: WeakMap<object, number>) => {
  const known = data.map((d) => (typeof d === 'object' && d ? measured.get(d) : undefined));
  const seen = known.filter((h): h is number => h !== undefined);
  const estimate = seen.length ? seen.reduce((a, b) => a + b, 0) / seen.length : MIN_ROW_HEIGHT;
  return known.map((h) => h ?? estimate);
};

/**
 * Renders the rows in view of the scroll container (or the window), in flow, with padding for
 * the rows above and below. A row's height is measured once it has been rendered; the others
 * are estimated from those, so the range settles once the rows in view are measured.
 */
const VirtualizedBody = <D, R>({
  data,
  columns,
  Row,
  rowData,
  scrollNode,
  onRowsRendered,
  onSelect,
}: Pick<
  VirtualizedTableProps<D, R>,
  'data' | 'columns' | 'Row' | 'rowData' | 'scrollNode' | 'onRowsRendered' | 'onSelect'
>) => {
  const bodyRef = useRef<HTMLTableSectionElement>(null);
  const measured = useRef(new WeakMap<object, number>());
  const update = useRef(() => undefined as void);
  const frame = useRef(0);
  const [[start, end], setRange] = useState<[number, number]>([0, 0]);
  const [heights, setHeights] = useState(() => rowHeights(data, measured.current));
  const activeColumnIDs = useMemo(() => new Set(columns.map((c) => c.id)), [columns]);
  // Later updates wait for the next frame: a measurement never re-renders synchronously.
  const schedule = useCallback(() => {
    frame.current ||= window.requestAnimationFrame(() => {
      frame.current = 0;
      update.current();
    });
  }, []);

  useLayoutEffect(() => {
    const body = bodyRef.current;
    if (!body) return undefined;
    const container = scrollNode?.() ?? scrollableParent(body);
    update.current = () => {
      const next = rowHeights(data, measured.current);
      setHeights((h) => (h.length === next.length && h.every((x, i) => x === next[i]) ? h : next));
      const view = container?.getBoundingClientRect();
      const viewTop = Math.max(0, view?.top ?? 0) - body.getBoundingClientRect().top;
      const viewBottom =
        Math.min(window.innerHeight, view?.bottom ?? window.innerHeight) -
        body.getBoundingClientRect().top;
      let first = 0;
      let offset = 0;
      while (first < next.length && offset + next[first] <= viewTop) offset += next[first++];
      let last = first;
      while (last < next.length && offset < viewBottom) offset += next[last++];
      setRange((r) => (r[0] === first && r[1] === last ? r : [first, last]));
    };
    update.current();
    const target = container ?? window;
    target.addEventListener('scroll', schedule, { passive: true });
    window.addEventListener('resize', schedule);
    return () => {
      window.cancelAnimationFrame(frame.current);
      frame.current = 0;
      target.removeEventListener('scroll', schedule);
      window.removeEventListener('resize', schedule);
    };
  }, [data, scrollNode, schedule]);

  // After each render: measure the rows just drawn; follow layout changes above the table.
  useLayoutEffect(() => {
    const rows = Array.from(bodyRef.current?.children ?? []) as HTMLElement[];
    rows.forEach((row, i) => {
      const obj = data[start + i];
      if (typeof obj === 'object' && obj) measured.current.set(obj, row.offsetHeight);
    });
    schedule();
  });

  useEffect(() => {
    onRowsRendered?.({
      overscanStartIndex: start,
      overscanStopIndex: end - 1,
      startIndex: start,
      stopIndex: end - 1,
    });
  }, [start, end, onRowsRendered]);

  const sum = (from: number, to: number) => heights.slice(from, to).reduce((a, b) => a + b, 0);
  return (
    <table
      className="ReactVirtualized__List pf-v6-c-table pf-m-compact pf-m-border-rows pf-v6-c-virtualized pf-v6-c-window-scroller"
      style={{ tableLayout: 'fixed', display: 'block' }}
    >
      <tbody
        ref={bodyRef}
        style={{
          display: 'block',
          paddingTop: sum(0, start),
          paddingBottom: sum(end, heights.length),
        }}
      >
        {data.slice(start, end).map((obj, i) => {
          const index = start + i;
          const key = `${index}-0`;
          return (
            <Tr
              key={(obj as K8sResourceCommon)?.metadata?.uid ?? key}
              data-id={key}
              data-index={index}
              data-test-rows="resource-row"
              data-key={key}
              className="pf-v6-c-table__tr"
              role="row"
            >
              <Row
                obj={obj}
                rowData={rowData as R}
                activeColumnIDs={activeColumnIDs}
                index={index}
                onSelect={onSelect}
              />
            </Tr>
          );
        })}
      </tbody>
    </table>
  );
};

const Empty: FC<{ children: ReactNode }> = ({ children }) => (
  <div className="loading-box loading-box__loaded">{children}</div>
);

/** The console's StatusBox around the table: error, loading skeleton, the empty messages. */
const StatusBox: FC<{
  loaded: boolean;
  loadError: unknown;
  data: unknown[];
  unfilteredData: unknown[];
  label?: string;
  NoDataEmptyMsg?: ComponentType;
  EmptyMsg?: ComponentType;
  children: ReactNode;
}> = ({ loaded, loadError, data, unfilteredData, label, NoDataEmptyMsg, EmptyMsg, children }) => {
  if (loadError) {
    const status = (loadError as { response?: { status?: number } }).response?.status;
    const message = (loadError as { message?: string }).message;
    if (status === 404) return <EmptyState titleText="404: Page Not Found" headingLevel="h2" />;
    if (status === 403) {
      return (
        <EmptyState titleText="Restricted access" headingLevel="h2">
          {message}
        </EmptyState>
      );
    }
    return (
      <EmptyState titleText={`Error loading ${label}`} headingLevel="h2">
        {message}
      </EmptyState>
    );
  }
  if (!loaded) return <Skeleton className="loading-skeleton--table" screenreaderText="Loading" />;
  if (NoDataEmptyMsg && !unfilteredData?.length) {
    return (
      <Empty>
        <NoDataEmptyMsg />
      </Empty>
    );
  }
  if (!data?.length) {
    return (
      <Empty>
        {EmptyMsg ? (
          <EmptyMsg />
        ) : (
          <EmptyState
            data-test="empty-box"
            headingLevel="h2"
            titleText={label ? `No ${label} found` : 'Not found'}
          />
        )}
      </Empty>
    );
  }
  return <Empty>{children}</Empty>;
};

const TableHeader: FC<{
  columns: TableColumn<unknown>[];
  sortBy: ISortBy;
  onSort: OnSort;
  onSelect?: OnSelect;
  allRowsSelected?: boolean;
  canSelectAll?: boolean;
}> = ({ columns, sortBy, onSort, onSelect, allRowsSelected, canSelectAll }) => (
  <Thead>
    <Tr>
      {onSelect && (
        <Th
          aria-label="Row select"
          {...(canSelectAll ? { select: { onSelect, isSelected: !!allRowsSelected } } : {})}
        />
      )}
      {columns.map(({ id, title, sort, props }, columnIndex) => (
        <Th
          key={id || title || 'actions'}
          sort={sort ? { sortBy, onSort, columnIndex } : undefined}
          data-label={title}
          screenReaderText={title ? undefined : 'Actions'}
          {...(props ?? {})}
        >
          {title}
        </Th>
      ))}
    </Tr>
  </Thead>
);

export const VirtualizedTable: VirtualizedTableFC = <D, R>({
  data,
  loaded,
  loadError,
  columns: allColumns,
  NoDataEmptyMsg,
  EmptyMsg,
  scrollNode,
  label,
  'aria-label': ariaLabel,
  gridBreakPoint = TableGridBreakpoint.none,
  onSelect,
  allRowsSelected,
  canSelectAll = true,
  Row,
  rowData,
  unfilteredData,
  mock = false,
  sortColumnIndex,
  sortDirection,
  csvData,
  onRowsRendered,
}: VirtualizedTableProps<D, R>) => {
  const navigate = useNavigate();
  const columnShift = onSelect ? 1 : 0;
  const [sortBy, setSortBy] = useState({
    index: sortColumnIndex || columnShift,
    direction: sortDirection || SortByDirection.asc,
  });
  const [windowWidth, setWindowWidth] = useState(window.innerWidth);
  const columns = useMemo(() => {
    const ids = allColumns.map((c) => c.id);
    return allColumns.filter((c) => isColumnVisible(windowWidth, c as TableColumn<unknown>, ids));
  }, [windowWidth, allColumns]);

  // The sort in the URL (?sortBy=<column title>&orderBy=asc|desc) wins on mount.
  useEffect(() => {
    const params = new URLSearchParams(window.location.search);
    const index = columns.findIndex((c) => c.title === params.get('sortBy'));
    if (index > -1) {
      setSortBy({
        index: index + columnShift,
        direction:
          params.get('orderBy') === SortByDirection.desc
            ? SortByDirection.desc
            : SortByDirection.asc,
      });
    }
    let timer = 0;
    const onResize = () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(() => setWindowWidth(window.innerWidth), 100);
    };
    window.addEventListener('resize', onResize);
    return () => {
      window.clearTimeout(timer);
      window.removeEventListener('resize', onResize);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const onSort = useCallback<OnSort>(
    (event, index, direction) => {
      event.preventDefault();
      const column = columns[index - columnShift];
      if (!column) return;
      const params = new URLSearchParams(window.location.search);
      params.set('orderBy', direction);
      params.set('sortBy', column.title);
      navigate(`${window.location.pathname}?${params}${window.location.hash}`, { replace: true });
      setSortBy({ index, direction });
    },
    [columnShift, columns, navigate],
  );

  const sortedData = useMemo(() => {
    const sort = columns[sortBy.index - columnShift]?.sort;
    if (!sort) return data;
    return typeof sort === 'string'
      ? sortByPath(data, sort, sortBy.direction)
      : sort(data, sortBy.direction);
  }, [columnShift, columns, data, sortBy]);

  const downloadCsv = () => {
    const link = document.createElement('a');
    link.href = URL.createObjectURL(new Blob([csvData ?? ''], { type: 'text/csv' }));
    link.download = 'openshift.csv';
    link.click();
  };

  return (
    <div>
      {mock ? (
        <EmptyState
          data-test="empty-box"
          headingLevel="h2"
          titleText={label ? `No ${label} found` : 'Not found'}
        />
      ) : (
        <StatusBox
          data={data}
          loaded={loaded}
          loadError={loadError}
          unfilteredData={unfilteredData}
          label={label}
          NoDataEmptyMsg={NoDataEmptyMsg}
          EmptyMsg={EmptyMsg}
        >
          <div className="co-virtualized-table" aria-label={ariaLabel}>
            {csvData && (
              <Button className="co-virtualized-table--export-csv-button" onClick={downloadCsv}>
                Export as CSV
              </Button>
            )}
            <Table gridBreakPoint={gridBreakPoint} className="pf-m-compact pf-m-border-rows">
              <TableHeader
                allRowsSelected={allRowsSelected}
                canSelectAll={canSelectAll}
                columns={columns as TableColumn<unknown>[]}
                onSelect={onSelect}
                onSort={onSort}
                sortBy={sortBy}
              />
            </Table>
            <VirtualizedBody<D, R>
              data={sortedData}
              columns={columns}
              Row={Row as ComponentType<RowProps<D, R>>}
              rowData={rowData}
              scrollNode={scrollNode}
              onRowsRendered={onRowsRendered}
              onSelect={onSelect}
            />
          </div>
        </StatusBox>
      )}
    </div>
  );
};

export const TableData: FC<TableDataProps> = ({ className, id, activeColumnIDs, children }) =>
  activeColumnIDs.has(id) || id === '' ? (
    <Td data-label={id} className={className} role="gridcell">
      {children}
    </Td>
  ) : null;
