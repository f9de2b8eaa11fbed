/**
 * The form contract: every form reads the objects it edits into its own state, and plans what a
 * write would do from that state. A plan is the same whatever view produced the objects (the
 * form's fields or the YAML editor): ordered edits of only the objects that changed, the issues
 * found in them, and whether any blocks the write.
 */
import type { K8sModel, K8sResourceCommon } from '../../models';
import { dedupe, isBlocking } from '../issues';
import type { Issue } from '../issues';

/** One object a plan writes: `before` as read (absent for a new object), `after` to write. */
export type PlannedWrite = {
  model?: K8sModel;
  before?: K8sResourceCommon;
  after: K8sResourceCommon;
  remove?: false;
};

/** One object a plan deletes: `before` as read (the delete is of that version); no `after`. */
export type PlannedRemoval = {
  model?: K8sModel;
  before: K8sResourceCommon;
  after?: undefined;
  remove: true;
};

/**
 * One step of a plan. A removal has no `after`, so code that reads `after` must say what it
 * does with an object that goes.
 */
export type PlannedEdit = PlannedWrite | PlannedRemoval;

export const isRemoval = (e: PlannedEdit): e is PlannedRemoval => e.remove === true;

/** A plan step that deletes `before`. */
export const removal = (before: K8sResourceCommon, model?: K8sModel): PlannedRemoval => ({
  ...(model ? { model } : {}),
  before,
  remove: true,
});

/** The object a step is about: what it writes, or what it deletes. */
export const subjectOf = (e: PlannedEdit): K8sResourceCommon => (isRemoval(e) ? e.before : e.after);

export type EditPlan = {
  /** In write order; only objects whose content changes (or that go). */
  edits: PlannedEdit[];
  issues: Issue[];
  /** An error among the issues: the write would be refused (or must not be made). */
  blocking: boolean;
  /** Nothing to write. */
  unchanged: boolean;
};

/** Deep equality of JSON-like values (objects from the API and from our editors). */
export const sameContent = (a: unknown, b: unknown): boolean => {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((x, i) => sameContent(x, bb[i]));
  }
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  return (
    ka.length === kb.length &&
    ka.every((k) =>
      sameContent((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]),
    )
  );
};

/**
 * A plan from the objects a form proposes, in the order they must be written, and what its
 * checks found. Objects equal to what was read are left out; removals always stay.
 */
export const planEdits = (proposed: PlannedEdit[], issues: Issue[]): EditPlan => {
  const edits = proposed.filter(
    (e) => isRemoval(e) || !e.before || !sameContent(e.before, e.after),
  );
  const found = dedupe(issues);
  return { edits, issues: found, blocking: isBlocking(found), unchanged: edits.length === 0 };
};

/** The plan with more issues found outside it (the YAML view's, say); blocking follows. */
export const withIssues = (plan: EditPlan, issues: Issue[]): EditPlan =>
  issues.length ? { ...plan, ...planEdits(plan.edits, [...plan.issues, ...issues]) } : plan;
