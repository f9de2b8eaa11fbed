/**
 * The only code that writes to the cluster. Every write is dry-run on the server first, so
 * schema and webhook (istiod) errors reach the form before anything is stored; updates and
 * patches carry the resourceVersion the user saw, so a concurrent change fails as a conflict
 * instead of being overwritten; a batch that fails part-way undoes what it wrote.
 */
import { k8sCreate, k8sDelete, k8sPatch, k8sUpdate } from '@openshift-console/dynamic-plugin-sdk';
import { isRemoval, subjectOf } from '../mesh/forms/editPlan';
import type { PlannedEdit } from '../mesh/forms/editPlan';
import type { K8sModel, K8sResourceCommon } from '../models';
import { modelForObject } from '../models';
import { apiStatusOf, errorMessage, httpStatusOf } from './errors';

export type WriteErrorReason =
  'conflict' | 'invalid' | 'forbidden' | 'not-found' | 'already-exists' | 'unavailable' | 'other';

export type WriteVerb = 'create' | 'update' | 'patch' | 'delete';

export type WriteErrorCause = { field?: string; message: string };

/** A JSON Patch (RFC 6902) operation, as k8sPatch sends it. */
export type PatchOp = { op: string; path: string; value?: unknown; from?: string };

export class WriteError extends Error {
  readonly reason: WriteErrorReason;
  readonly status?: number;
  readonly causes: WriteErrorCause[];
  /** What failed, e.g. "Subscription openshift-operators/servicemeshoperator3". */
  readonly target?: string;
  /** The API server's own words, for a details view; `message` is the user-facing text. */
  readonly serverMessage?: string;
  /** Objects a failed batch had created and deleted again. */
  readonly rolledBack?: string[];
  /** Objects a failed batch created but could not delete: the user must remove them. */
  readonly rollbackFailures?: string[];
  /** What was attempted (a refusal's verb comes from the server's words when not known). */
  readonly verb?: string;
  /** Istio's validation webhook could not be called (istiod down): retrying later helps. */
  readonly webhookUnreachable?: boolean;

  constructor(
    message: string,
    init: {
      reason: WriteErrorReason;
      status?: number;
      causes?: WriteErrorCause[];
      target?: string;
      serverMessage?: string;
      rolledBack?: string[];
      rollbackFailures?: string[];
      verb?: string;
      webhookUnreachable?: boolean;
    },
  ) {
    super(message);
    this.name = 'WriteError';
    this.reason = init.reason;
    this.status = init.status;
    this.causes = init.causes ?? [];
    this.target = init.target;
    this.serverMessage = init.serverMessage;
    this.rolledBack = init.rolledBack;
    this.rollbackFailures = init.rollbackFailures;
    this.verb = init.verb;
    this.webhookUnreachable = init.webhookUnreachable;
  }
}

/** "Kind namespace/name", or "Kind name" for cluster-scoped objects. */
export const describeTarget = (model: K8sModel, obj?: K8sResourceCommon): string => {
  const meta = obj?.metadata;
  const name = meta?.name ?? (meta?.generateName ? `${meta.generateName}*` : '(unnamed)');
  return `${model.kind} ${model.namespaced && meta?.namespace ? `${meta.namespace}/` : ''}${name}`;
};

// evanphx/json-patch words a failed `test` op "testing value <path> failed" (older releases
// add ": test failed"); the API server returns it as a 422, sometimes only in the causes.
const PATCH_TEST_FAILED = /testing value .* failed|test failed/i;
// Webhook denials come back as 400 by default, but some policy engines answer 403.
const WEBHOOK_DENIED = /admission webhook .* denied the request/i;
// The webhook itself could not be called (istiod down or unreachable): retrying later helps.
const WEBHOOK_UNREACHABLE = /failed calling webhook/i;
const NETWORK_FAILURE = /failed to fetch|networkerror|network error|load failed/i;

const classify = (
  status: number | undefined,
  reason: string | undefined,
  texts: string[],
): WriteErrorReason => {
  const said = (re: RegExp) => texts.some((t) => re.test(t));
  if (status === 409) {
    return reason === 'AlreadyExists' || (!reason && said(/already exists/i))
      ? 'already-exists'
      : 'conflict';
  }
  if (status === 422 && said(PATCH_TEST_FAILED)) return 'conflict';
  if ((status === 400 || status === 403) && said(WEBHOOK_DENIED)) return 'invalid';
  if (status === 400 || status === 422) return 'invalid';
  if (status === 401 || status === 403) return 'forbidden';
  if (status === 404) return 'not-found';
  if (status === 429 || status === 502 || status === 503 || status === 504) return 'unavailable';
  if (status === 500 && said(WEBHOOK_UNREACHABLE)) return 'unavailable';
  if (status === undefined && said(NETWORK_FAILURE)) return 'unavailable';
  return 'other';
};

// The API server says e.g. `cannot create resource "virtualservices" in API group ...`.
const verbFromForbidden = (text: string): string | undefined =>
  /cannot (\w+) resource/.exec(text)?.[1];

const userMessage = (
  reason: WriteErrorReason,
  e: { status?: number; server: string; target?: string; verb?: string; webhook: boolean },
): string => {
  const { status, server, target, verb, webhook } = e;
  const what = target ?? 'The object';
  switch (reason) {
    case 'conflict':
      return `${what} changed since you opened it: review the current version and retry.`;
    case 'already-exists':
      return `${what} already exists: pick another name, or edit the existing object.`;
    case 'not-found':
      return `${what} was not found: it may have been deleted, or its namespace or API is not installed. Refresh and check.`;
    case 'forbidden':
      if (status === 401) return 'Your session has expired: log in again, then retry.';
      return `You do not have permission to ${verb ?? 'change'} ${target ?? 'this object'}: ask a cluster administrator for access.`;
    case 'invalid':
      return target ? `${target} was rejected: ${server}` : server;
    case 'unavailable':
      return webhook
        ? `The validation webhook for ${target ?? 'this object'} could not be reached (${server}): check that the mesh control plane is running, then retry.`
        : `Could not reach the cluster${target ? ` to write ${target}` : ''} (${server}): retry in a moment.`;
    default:
      return target ? `Could not ${verb ?? 'write'} ${target}: ${server}` : server;
  }
};

/**
 * A write failure in the user's terms. Takes what the SDK throws (HttpError: `code`, `json`
 * Status, `message`) or anything else; a WriteError passes through unchanged.
 */
export const translateWriteError = (
  err: unknown,
  target?: string,
  verb?: WriteVerb,
): WriteError => {
  if (err instanceof WriteError) return err;
  const status = httpStatusOf(err);
  const apiStatus = apiStatusOf(err);
  const server = errorMessage(err);
  const causes: WriteErrorCause[] = (apiStatus?.details?.causes ?? []).flatMap((c) =>
    c.message ? [c.field ? { field: c.field, message: c.message } : { message: c.message }] : [],
  );
  const texts = [server, ...causes.map((c) => c.message)];
  const reason = classify(status, apiStatus?.reason, texts);
  const said = verb ?? verbFromForbidden(server);
  const webhook = texts.some((t) => WEBHOOK_UNREACHABLE.test(t));
  const message = userMessage(reason, { status, server, target, verb: said, webhook });
  return new WriteError(message, {
    reason,
    status,
    causes,
    target,
    serverMessage: server,
    verb: said,
    webhookUnreachable: webhook,
  });
};

const DRY_RUN = { dryRun: 'All' };

/** Runs one API call and reports its failure as a WriteError about `target`. */
const attempt = async <T>(target: string, verb: WriteVerb, call: () => Promise<T>): Promise<T> => {
  try {
    return await call();
  } catch (e) {
    throw translateWriteError(e, target, verb);
  }
};

export const createResource = async <R extends K8sResourceCommon>({
  model,
  data,
  dryRunFirst = true,
}: {
  model: K8sModel;
  data: R;
  dryRunFirst?: boolean;
}): Promise<R> => {
  const target = describeTarget(model, data);
  if (dryRunFirst) {
    await attempt(target, 'create', () => k8sCreate({ model, data, queryParams: DRY_RUN }));
  }
  return attempt(target, 'create', () => k8sCreate({ model, data }));
};

export const updateResource = async <R extends K8sResourceCommon>({
  model,
  data,
  dryRunFirst = true,
}: {
  model: K8sModel;
  data: R;
  dryRunFirst?: boolean;
}): Promise<R> => {
  const target = describeTarget(model, data);
  // Without it the PUT would silently overwrite whatever changed since the object was read.
  if (!data.metadata?.resourceVersion) {
    throw new WriteError(
      `Cannot update ${target} without metadata.resourceVersion: read the object, edit that copy, and update it.`,
      { reason: 'other', target },
    );
  }
  if (dryRunFirst) {
    await attempt(target, 'update', () => k8sUpdate({ model, data, queryParams: DRY_RUN }));
  }
  return attempt(target, 'update', () => k8sUpdate({ model, data }));
};

export const patchResource = async <R extends K8sResourceCommon>({
  model,
  resource,
  ops,
  dryRunFirst = true,
}: {
  model: K8sModel;
  resource: R;
  ops: PatchOp[];
  dryRunFirst?: boolean;
}): Promise<R> => {
  if (ops.length === 0) return resource;
  const target = describeTarget(model, resource);
  const rv = resource.metadata?.resourceVersion;
  // The API server applies ops in order, so a stale copy fails at this test and changes nothing.
  const data = rv ? [{ op: 'test', path: '/metadata/resourceVersion', value: rv }, ...ops] : ops;
  if (dryRunFirst) {
    await attempt(target, 'patch', () => k8sPatch({ model, resource, data, queryParams: DRY_RUN }));
  }
  return attempt(target, 'patch', () => k8sPatch({ model, resource, data }));
};

/**
 * DeleteOptions for one object: the uid precondition deletes this object, never a namesake
 * created since it was read; with `resourceVersion`, only the version the user saw (a change
 * made meanwhile is a conflict). The model's propagationPolicy is kept, since passing a body
 * replaces the SDK's default one.
 */
const deleteOptions = (
  model: K8sModel,
  resource: K8sResourceCommon,
  matchVersion: boolean,
): Record<string, unknown> | undefined => {
  const uid = resource.metadata?.uid;
  const rv = matchVersion ? resource.metadata?.resourceVersion : undefined;
  if (!uid && !rv) return undefined;
  return {
    kind: 'DeleteOptions',
    apiVersion: 'v1',
    preconditions: { ...(uid ? { uid } : {}), ...(rv ? { resourceVersion: rv } : {}) },
    ...(model.propagationPolicy ? { propagationPolicy: model.propagationPolicy } : {}),
  };
};

export const deleteResource = async <R extends K8sResourceCommon>({
  model,
  resource,
  dryRun = false,
  matchVersion = false,
}: {
  model: K8sModel;
  resource: R;
  /** Only ask the server whether the delete would pass. */
  dryRun?: boolean;
  /** Delete only the resourceVersion read (a plan's removal); default: any version. */
  matchVersion?: boolean;
}): Promise<R> => {
  const json = deleteOptions(model, resource, matchVersion);
  return attempt(describeTarget(model, resource), 'delete', () =>
    k8sDelete({
      model,
      resource,
      ...(json ? { json } : {}),
      ...(dryRun ? { queryParams: DRY_RUN } : {}),
    }),
  );
};

export type ApplyItem = {
  data: K8sResourceCommon;
  model?: K8sModel;
  /** When the object already exists. Default: 'skip' for Namespaces, 'fail' for the rest. */
  ifExists?: 'skip' | 'fail';
};

export type ApplyProgress = {
  index: number;
  target: string;
  state: 'dry-run' | 'created' | 'skipped' | 'failed' | 'rolled-back';
};

export type ApplyResult = { created: K8sResourceCommon[]; skipped: string[] };

type Step = {
  index: number;
  data: K8sResourceCommon;
  model: K8sModel;
  target: string;
  ifExists: 'skip' | 'fail';
  dryRun: boolean;
};

const isNamespaceModel = (model: K8sModel) => model.kind === 'Namespace' && !model.apiGroup;

const planStep = (item: ApplyItem, index: number): Step => {
  const model = item.model ?? modelForObject(item.data);
  if (!model) {
    const target = [item.data.kind ?? '(no kind)', item.data.metadata?.name].join(' ').trim();
    throw new WriteError(
      `Cannot apply ${target} (${item.data.apiVersion ?? 'no apiVersion'}): the plugin does not know this kind, so nothing was written.`,
      { reason: 'other', target },
    );
  }
  const target = describeTarget(model, item.data);
  // The SDK would build a URL without a namespace; refuse rather than guess one.
  if (model.namespaced && !item.data.metadata?.namespace) {
    throw new WriteError(`${target} has no namespace, so nothing was written.`, {
      reason: 'invalid',
      target,
    });
  }
  const ifExists = item.ifExists ?? (isNamespaceModel(model) ? 'skip' : 'fail');
  return { index, data: item.data, model, target, ifExists, dryRun: false };
};

/**
 * Creates several objects in the given order (callers order them so traffic keeps flowing).
 * Everything that can be dry-run up front is, so a bad object stops the batch before any
 * write; if a create still fails, the objects this call created are deleted, newest first.
 */
export const applyObjects = async (
  items: ApplyItem[],
  opts: { onProgress?: (event: ApplyProgress) => void } = {},
): Promise<ApplyResult> => {
  // Every model is resolved before any request, so an unknown kind writes nothing.
  const plan = items.map(planStep);
  const report = (step: Step, state: ApplyProgress['state']) =>
    opts.onProgress?.({ index: step.index, target: step.target, state });
  const skippable = (step: Step, e: WriteError) =>
    e.reason === 'already-exists' && step.ifExists === 'skip';
  const dryRun = (step: Step) =>
    k8sCreate({ model: step.model, data: step.data, queryParams: DRY_RUN });

  // Phase 1: dry-run what can be. A Namespace this batch will create does not exist yet, so
  // objects in it wait until just before their own create; one that already exists does not.
  const namespacesToCreate = new Set<string>();
  for (const step of plan) {
    const ns = step.model.namespaced ? step.data.metadata?.namespace : undefined;
    if (ns && namespacesToCreate.has(ns)) continue;
    try {
      await dryRun(step);
      if (isNamespaceModel(step.model) && step.data.metadata?.name) {
        namespacesToCreate.add(step.data.metadata.name);
      }
    } catch (e) {
      const err = translateWriteError(e, step.target, 'create');
      if (!skippable(step, err)) {
        report(step, 'failed');
        throw err;
      }
    }
    step.dryRun = true;
    report(step, 'dry-run');
  }

  // Phase 2: create in order; on a failure undo this call's creates, newest first.
  const created: { step: Step; obj: K8sResourceCommon }[] = [];
  const skipped: string[] = [];
  for (const step of plan) {
    try {
      if (!step.dryRun) {
        await dryRun(step);
        report(step, 'dry-run');
      }
      const obj = await k8sCreate({ model: step.model, data: step.data });
      created.push({ step, obj });
      report(step, 'created');
    } catch (e) {
      const err = translateWriteError(e, step.target, 'create');
      if (skippable(step, err)) {
        skipped.push(step.target);
        report(step, 'skipped');
        continue;
      }
      report(step, 'failed');
      throw await rollBack(created, err, report);
    }
  }
  return { created: created.map((c) => c.obj), skipped };
};

const rollBack = async (
  created: { step: Step; obj: K8sResourceCommon }[],
  failure: WriteError,
  report: (step: Step, state: 'rolled-back') => void,
): Promise<WriteError> => {
  const rolledBack: string[] = [];
  const leftBehind: string[] = [];
  const rollbackFailures: string[] = [];
  for (const { step, obj } of [...created].reverse()) {
    try {
      await deleteResource({ model: step.model, resource: obj });
    } catch (e) {
      const err = translateWriteError(e, step.target, 'delete');
      // Already gone is what we wanted; anything else stays on the cluster.
      if (err.reason !== 'not-found') {
        leftBehind.push(step.target);
        rollbackFailures.push(err.message);
        continue;
      }
    }
    rolledBack.push(step.target);
    report(step, 'rolled-back');
  }
  const message =
    leftBehind.length > 0
      ? `${failure.message} Could not undo ${leftBehind.join(', ')}: delete ${leftBehind.length === 1 ? 'it' : 'them'} by hand before retrying.`
      : failure.message;
  return new WriteError(message, {
    reason: failure.reason,
    status: failure.status,
    causes: failure.causes,
    target: failure.target,
    serverMessage: failure.serverMessage,
    verb: failure.verb,
    webhookUnreachable: failure.webhookUnreachable,
    rolledBack,
    ...(rollbackFailures.length > 0 ? { rollbackFailures } : {}),
  });
};

/** One step of a plan: an object to create or update, or one to delete (see PlannedEdit). */
export type Edit = PlannedEdit;

/** What a re-create must not carry: the server sets these for the new object. */
const SERVER_SET = [
  'resourceVersion',
  'uid',
  'creationTimestamp',
  'managedFields',
  'generation',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
  'selfLink',
] as const;

/** `before` as a new object, to put back what a plan deleted. */
export const recreatable = (before: K8sResourceCommon): K8sResourceCommon => {
  const metadata: Record<string, unknown> = { ...before.metadata };
  for (const k of SERVER_SET) delete metadata[k];
  return { ...before, metadata };
};

type EditStep = {
  model: K8sModel;
  target: string;
  verb: 'create' | 'update' | 'delete';
  before?: K8sResourceCommon;
  /** What is sent: the object to create or update, or the one to delete. */
  data: K8sResourceCommon;
};

const editStep = (edit: Edit): EditStep => {
  const subject = subjectOf(edit);
  const model = edit.model ?? modelForObject(subject);
  const target = model
    ? describeTarget(model, subject)
    : `${subject.kind} ${subject.metadata?.name}`;
  if (!model) {
    throw new WriteError(`${target}: this kind is not known to the plugin.`, {
      reason: 'other',
      target,
    });
  }
  if (isRemoval(edit))
    return { model, target, verb: 'delete', before: edit.before, data: edit.before };
  const data = edit.before
    ? {
        ...edit.after,
        metadata: {
          ...edit.after.metadata,
          resourceVersion: edit.before.metadata?.resourceVersion,
        },
      }
    : edit.after;
  return { model, target, verb: edit.before ? 'update' : 'create', before: edit.before, data };
};

const runStep = (step: EditStep, dryRun: boolean): Promise<K8sResourceCommon> => {
  const { model, data } = step;
  const queryParams = dryRun ? { queryParams: DRY_RUN } : {};
  switch (step.verb) {
    case 'delete':
      // The version the user reviewed, and no other, is deleted.
      return deleteResource({ model, resource: data, dryRun, matchVersion: true });
    case 'update':
      return attempt(step.target, 'update', () => k8sUpdate({ model, data, ...queryParams }));
    default:
      return attempt(step.target, 'create', () => k8sCreate({ model, data, ...queryParams }));
  }
};

/** Undoes one written step: a new object deleted, an updated one put back, a deleted one re-created. */
const undoStep = async (step: EditStep, result: K8sResourceCommon): Promise<void> => {
  const { model, before } = step;
  if (step.verb === 'create') {
    await deleteResource({ model, resource: result });
  } else if (step.verb === 'update' && before) {
    // Put the previous content back, at the version our own write produced.
    await k8sUpdate({
      model,
      data: {
        ...before,
        metadata: { ...before.metadata, resourceVersion: result.metadata?.resourceVersion },
      },
    });
  } else if (before) {
    await k8sCreate({ model, data: recreatable(before) });
  }
};

/**
 * Writes a plan's steps in the order given: callers order them so traffic keeps flowing
 * (subsets before the routes that use them; the reverse when removing). Everything is dry-run
 * first, so webhook errors show before anything changes. An existing object is updated, or
 * deleted, at the resourceVersion it was read at (and a delete only for its uid), so a change
 * made meanwhile is a conflict, never overwritten. If a later step fails, earlier ones are
 * undone, newest first: new objects deleted, updated ones put back, deleted ones re-created from
 * what was read (without the fields the server sets).
 */
export const applyEdits = async (edits: Edit[]): Promise<K8sResourceCommon[]> => {
  const steps = edits.map(editStep);

  for (const step of steps) await runStep(step, true);

  const done: { step: EditStep; result: K8sResourceCommon }[] = [];
  for (const step of steps) {
    try {
      done.push({ step, result: await runStep(step, false) });
    } catch (e) {
      const failure = e instanceof WriteError ? e : translateWriteError(e, step.target);
      const rolledBack: string[] = [];
      const rollbackFailures: string[] = [];
      for (const { step: prior, result } of [...done].reverse()) {
        try {
          await undoStep(prior, result);
          rolledBack.push(prior.target);
        } catch (undoError) {
          rollbackFailures.push(translateWriteError(undoError, prior.target).message);
        }
      }
      throw new WriteError(
        rollbackFailures.length > 0
          ? `${failure.message} Could not undo the earlier changes: ${rollbackFailures.join(' ')}`
          : failure.message,
        {
          reason: failure.reason,
          status: failure.status,
          causes: failure.causes,
          target: failure.target,
          serverMessage: failure.serverMessage,
          verb: failure.verb,
          webhookUnreachable: failure.webhookUnreachable,
          rolledBack,
          ...(rollbackFailures.length > 0 ? { rollbackFailures } : {}),
        },
      );
    }
  }
  return done.map((d) => d.result);
};
