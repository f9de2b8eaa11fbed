/**
 * Editing one object of the cluster's configuration as YAML (the configuration page's fix for any
 * problem): the plan checks the edited object on its own, as Istio's webhook and the forms do, and
 * against the rest of the configuration, as the list did. Only the first kind holds Apply back:
 * the rest of the cluster can change after the object (a Service account created later, a rival
 * rule removed), and the object as stored already has those problems.
 */
import type {
  AuthorizationPolicy,
  DestinationRule,
  K8sModel,
  K8sResourceCommon,
  PeerAuthentication,
  RequestAuthentication,
  VirtualService,
} from '../../models';
import { planEdits } from '../forms/editPlan';
import type { EditPlan } from '../forms/editPlan';
import { isBlocking } from '../issues';
import type { Issue } from '../issues';
import { validateAuthorizationPolicy } from '../security/authorization';
import { validatePeerAuthentication } from '../security/mtls';
import { validateRequestAuthentication } from '../security/requestAuthentication';
import { validateDestinationRule, validateVirtualService } from '../traffic/validation';
import type { MeshConfigIndex } from './meshConfigIndex';
import { validateObject } from './validateMeshConfig';

/** The single-object checks of each kind the forms write (the webhook's rules). */
const OBJECT_CHECKS: Record<string, ((obj: K8sResourceCommon) => Issue[]) | undefined> = {
  VirtualService: (o) => validateVirtualService(o as VirtualService),
  DestinationRule: (o) => validateDestinationRule(o as DestinationRule),
  PeerAuthentication: (o) => validatePeerAuthentication(o as PeerAuthentication),
  AuthorizationPolicy: (o) => validateAuthorizationPolicy(o as AuthorizationPolicy),
  RequestAuthentication: (o) => validateRequestAuthentication(o as RequestAuthentication),
};

/** The checks of one object alone: the webhook's rules where the plugin knows them. */
export const checkObjectAlone = (obj: K8sResourceCommon, kind: string): Issue[] =>
  OBJECT_CHECKS[kind]?.(obj) ?? [];

/** What the API server keeps for itself: an edit neither changes nor reverts them. */
const SERVER_METADATA = [
  'resourceVersion',
  'uid',
  'generation',
  'creationTimestamp',
  'managedFields',
] as const;

/** The metadata the YAML view shows: without managedFields, which nobody edits by hand. */
export const editableCopy = (stored: K8sResourceCommon): K8sResourceCommon => {
  const metadata: Record<string, unknown> = { ...stored.metadata };
  delete metadata.managedFields;
  return { ...stored, metadata };
};

/**
 * `edited` with the server's fields and the status as stored now: the write carries the version
 * the diff starts from, and a status or generation that moved meanwhile is no change of the user's.
 */
export const rebaseOnStored = (
  edited: K8sResourceCommon,
  stored: K8sResourceCommon,
): K8sResourceCommon => {
  const metadata: Record<string, unknown> = { ...edited.metadata };
  const from = (stored.metadata ?? {}) as Record<string, unknown>;
  for (const k of SERVER_METADATA) {
    if (from[k] === undefined) delete metadata[k];
    else metadata[k] = from[k];
  }
  const out: Record<string, unknown> = { ...edited, metadata };
  const status = (stored as { status?: unknown }).status;
  if (status === undefined) delete out.status;
  else out.status = status;
  return out as K8sResourceCommon;
};

/**
 * What Apply would write for `edited`, the new content of `stored` (of `kind`, as the cluster holds
 * it now), with the issues `extra` found before it (the YAML not reading); only those and the
 * object's own errors block.
 */
export const planConfigEdit = (
  edited: K8sResourceCommon,
  stored: K8sResourceCommon,
  kind: string,
  index: MeshConfigIndex,
  opts: { model?: K8sModel; extra?: Issue[] } = {},
): EditPlan => {
  const own = [...(opts.extra ?? []), ...checkObjectAlone(edited, kind)];
  const plan = planEdits(
    [
      {
        ...(opts.model ? { model: opts.model } : {}),
        before: stored,
        after: rebaseOnStored(edited, stored),
      },
    ],
    [...own, ...validateObject(edited, index, kind)],
  );
  return { ...plan, blocking: isBlocking(own) };
};
