import { checkAccess } from '@openshift-console/dynamic-plugin-sdk';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { isRemoval, subjectOf } from '../mesh/forms/editPlan';
import type { EditPlan, PlannedEdit } from '../mesh/forms/editPlan';
import { parseFieldPath } from '../mesh/issues';
import type { Issue } from '../mesh/issues';
import { modelForObject } from '../models';
import { applyEdits, translateWriteError } from './writes';
import type { WriteVerb } from './writes';

export type DeniedWrite = { kind: string; name: string; namespace?: string; verb: string };

export type WriteAccess = {
  /** The access reviews have not all answered yet. */
  loading: boolean;
  /** Objects of the plan the user may not write, with the verb that is refused. */
  denied: DeniedWrite[];
};

/**
 * Whether the user may write every object of a plan: one SelfSubjectAccessReview per object
 * (update for an existing one, create for a new one, delete for one that goes), asked again when
 * the objects change. A review that fails to answer does not hold Apply back: the API server
 * decides then.
 */
export const useWriteAccess = (edits: PlannedEdit[]): WriteAccess => {
  const reviews = useMemo(
    () =>
      edits.flatMap((e) => {
        const subject = subjectOf(e);
        const model = e.model ?? modelForObject(subject);
        if (!model) return [];
        const verb: WriteVerb = isRemoval(e) ? 'delete' : e.before ? 'update' : 'create';
        const namespace = model.namespaced ? subject.metadata?.namespace : undefined;
        const name = e.before ? subject.metadata?.name : undefined;
        return [
          {
            kind: model.kind,
            name: subject.metadata?.name ?? '',
            namespace,
            verb,
            attrs: {
              group: model.apiGroup ?? '',
              resource: model.plural,
              verb,
              ...(namespace ? { namespace } : {}),
              ...(name ? { name } : {}),
            },
          },
        ];
      }),
    [edits],
  );
  const key = JSON.stringify(reviews.map((r) => r.attrs));
  const [answer, setAnswer] = useState<{ key: string; denied: DeniedWrite[] }>();
  useEffect(() => {
    let live = true;
    Promise.all(
      reviews.map((r) =>
        checkAccess(r.attrs)
          .then((review) => (review?.status?.allowed === false ? r : undefined))
          .catch(() => undefined),
      ),
    ).then((results) => {
      if (!live) return;
      setAnswer({
        key,
        denied: results.flatMap((r) =>
          r ? [{ kind: r.kind, name: r.name, namespace: r.namespace, verb: r.verb }] : [],
        ),
      });
    });
    return () => {
      live = false;
    };
    // `key` stands for the reviews' content; a new array of the same reviews asks nothing new.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return answer?.key === key
    ? { loading: false, denied: answer.denied }
    : { loading: reviews.length > 0, denied: [] };
};

/**
 * What the API server said was wrong with a field (dry-run or write: schema validation's
 * `details.causes[].field`), as issues on that field of the object that failed.
 */
export const issuesFromWriteError = (error: unknown): Issue[] => {
  if (error === undefined) return [];
  const e = translateWriteError(error);
  if (e.reason !== 'invalid') return [];
  // The target reads "Kind namespace/name".
  const object = e.target?.split(' ')[0];
  return e.causes
    .filter((c) => c.field && c.field !== '<nil>')
    .map((c) => ({
      ...(object ? { object } : {}),
      path: parseFieldPath(c.field ?? ''),
      code: 'server.rejected',
      params: { message: c.message },
      severity: 'error' as const,
    }));
};

/**
 * The write half of every edit form: Apply runs the plan's edits through applyEdits (dry-run,
 * resourceVersion, rollback); a conflict re-reads what the form edits so the diff starts from the
 * other writer's version; the server's field errors come back as issues for the form's fields
 * while the form still proposes what was refused.
 */
export const useEditForm = (
  plan: EditPlan,
  opts: { reread?: () => Promise<unknown>; onApplied?: () => void } = {},
) => {
  const { reread, onApplied } = opts;
  const access = useWriteAccess(plan.edits);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<{ error: unknown; proposed: string }>();
  // A removal proposes its own absence: the object it deletes stands for it.
  const proposed = JSON.stringify(
    plan.edits.map((e) => (isRemoval(e) ? { remove: e.before.metadata?.uid } : e.after)),
  );

  const apply = useCallback(async () => {
    setBusy(true);
    setFailure(undefined);
    try {
      await applyEdits(plan.edits);
      onApplied?.();
      return true;
    } catch (error) {
      if (reread && translateWriteError(error).reason === 'conflict') {
        // A failed re-read leaves the conflict to report; the watch catches up later.
        await reread().catch(() => undefined);
      }
      setFailure({ error, proposed });
      return false;
    } finally {
      setBusy(false);
    }
  }, [plan.edits, reread, onApplied, proposed]);

  const error = failure?.error;
  const conflict = error !== undefined && translateWriteError(error).reason === 'conflict';
  // Field errors belong to what was sent: once the user changes it they are stale.
  const serverIssues = useMemo(
    () => (failure && failure.proposed === proposed ? issuesFromWriteError(failure.error) : []),
    [failure, proposed],
  );
  const canApply =
    !busy && !plan.blocking && !plan.unchanged && !access.loading && access.denied.length === 0;
  return { apply, busy, error, conflict, serverIssues, access, canApply };
};

export type EditForm = ReturnType<typeof useEditForm>;
