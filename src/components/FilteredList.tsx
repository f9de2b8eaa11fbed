import {
  ListPageFilter,
  VirtualizedTable,
  useListPageFilter,
} from '@openshift-console/dynamic-plugin-sdk';
import type {
  RowFilter,
  RowProps,
  RowSearchFilter,
  TableColumn,
} from '@openshift-console/dynamic-plugin-sdk';
import { useMemo } from 'react';
import type { ComponentType } from 'react';

/**
 * A list page's body as the console draws its own: its filter toolbar (row filters and a search)
 * above its virtualized table, which renders only the rows in view. The wrapper carries
 * `data-total`, how many rows the filters let through (most of them out of view), which tests
 * and the benchmark read.
 */
export const FilteredList = <T, R>({
  testId,
  rows,
  rowFilters,
  search,
  searchTitle,
  searchPlaceholder,
  columns,
  Row,
  rowData,
  ariaLabel,
  label,
  sortColumnIndex,
  NoDataEmptyMsg,
  EmptyMsg,
}: {
  testId: string;
  rows: T[];
  rowFilters: RowFilter<T>[];
  /** Replaces the console's fuzzy name filter (its `type` must be `name`). */
  search: RowSearchFilter<T>;
  searchTitle?: string;
  searchPlaceholder: string;
  columns: TableColumn<T>[];
  Row: ComponentType<RowProps<T, R>>;
  rowData: R;
  ariaLabel: string;
  label: string;
  sortColumnIndex?: number;
  NoDataEmptyMsg?: ComponentType;
  EmptyMsg?: ComponentType;
}) => {
  const filters = useMemo(() => [...rowFilters, search], [rowFilters, search]);
  const [data, filtered, onFilterChange] = useListPageFilter(rows, filters);
  return (
    <>
      <ListPageFilter
        data={data}
        loaded
        onFilterChange={onFilterChange}
        rowFilters={rowFilters}
        {...(searchTitle ? { nameFilterTitle: searchTitle } : {})}
        nameFilterPlaceholder={searchPlaceholder}
        hideLabelFilter
      />
      <div data-test={testId} data-total={filtered.length}>
        <VirtualizedTable<T, R>
          data={filtered}
          unfilteredData={data}
          loaded
          loadError={undefined}
          columns={columns}
          Row={Row}
          rowData={rowData}
          aria-label={ariaLabel}
          label={label}
          {...(sortColumnIndex !== undefined ? { sortColumnIndex } : {})}
          {...(NoDataEmptyMsg ? { NoDataEmptyMsg } : {})}
          {...(EmptyMsg ? { EmptyMsg } : {})}
        />
      </div>
    </>
  );
};
