import type { ListedKind, ListedObject } from '../k8s/useMeshConfigObjects';
import { objectKey } from '../mesh/config/meshConfigIndex';
import type { Issue } from '../mesh/issues';
import type { K8sResourceCommon } from '../models';

/** One line of the configuration list: an object, its kind and what its checks found. */
export type ConfigRow = {
  kind: ListedKind;
  obj: K8sResourceCommon;
  /** The object's metadata, where the console's table looks for a row's key (its uid). */
  metadata: K8sResourceCommon['metadata'];
  issues: readonly Issue[];
  errors: number;
  warnings: number;
};

const NO_ISSUES: readonly Issue[] = [];

/** The issues the validator found in one listed object (none for kinds it does not check). */
export const issuesOf = (
  o: { kind: ListedKind; obj: K8sResourceCommon },
  results: ReadonlyMap<string, readonly Issue[]>,
): readonly Issue[] =>
  o.kind.validated ? (results.get(objectKey(o.kind.validated, o.obj)) ?? NO_ISSUES) : NO_ISSUES;

/**
 * The list's rows, built once per change of the objects or of the results: each row carries its
 * counts, so rendering and sorting a row is a lookup.
 */
export const configRows = (
  objects: readonly ListedObject[],
  results: ReadonlyMap<string, readonly Issue[]>,
): ConfigRow[] =>
  objects.flatMap((o) => {
    const issues = issuesOf(o, results);
    if (o.kind.onlyWithProblems && issues.length === 0) return [];
    let errors = 0;
    for (const i of issues) if (i.severity === 'error') errors++;
    return [
      {
        kind: o.kind,
        obj: o.obj,
        metadata: o.obj.metadata,
        issues,
        errors,
        warnings: issues.length - errors,
      },
    ];
  });

/** How many errors and warnings the rows hold. */
export const problemTotals = (rows: readonly ConfigRow[]) =>
  rows.reduce(
    (sum, r) => ({ errors: sum.errors + r.errors, warnings: sum.warnings + r.warnings }),
    { errors: 0, warnings: 0 },
  );
