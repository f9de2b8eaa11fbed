'use strict';
// Small helpers shared by the stand-in API: Status errors shaped like the API server's,
// deep copy/equality, name generation, and the status conditions and owner references the
// simulated controllers write.
const crypto = require('crypto');

class ApiError extends Error {
  constructor(code, reason, message, details) {
    super(message);
    this.code = code;
    this.reason = reason;
    this.details = details;
  }

  toStatus() {
    return {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: this.message,
      reason: this.reason,
      ...(this.details ? { details: this.details } : {}),
      code: this.code,
    };
  }
}

/** `virtualservices.networking.istio.io` or `pods`: how the API server names a resource. */
const qualified = (type) => (type.group ? `${type.plural}.${type.group}` : type.plural);

const errors = {
  notFound: (type, name) =>
    new ApiError(404, 'NotFound', `${qualified(type)} "${name}" not found`, {
      name,
      ...(type.group ? { group: type.group } : {}),
      kind: type.plural,
    }),
  alreadyExists: (type, name) =>
    new ApiError(409, 'AlreadyExists', `${qualified(type)} "${name}" already exists`, {
      name,
      ...(type.group ? { group: type.group } : {}),
      kind: type.plural,
    }),
  conflict: (type, name) =>
    new ApiError(
      409,
      'Conflict',
      `Operation cannot be fulfilled on ${qualified(type)} "${name}": the object has been modified; please apply your changes to the latest version and try again`,
      { name, ...(type.group ? { group: type.group } : {}), kind: type.plural },
    ),
  badRequest: (message) => new ApiError(400, 'BadRequest', message),
  // Path the API server does not serve at all (e.g. a kind whose CRD is absent).
  pathNotFound: () =>
    new ApiError(404, 'NotFound', 'the server could not find the requested resource', {}),
  methodNotAllowed: (verb, type) =>
    new ApiError(
      405,
      'MethodNotAllowed',
      `the server does not allow this method on the requested resource`,
      { ...(type && type.group ? { group: type.group } : {}), kind: type ? type.plural : '' },
    ),
  gone: (message) => new ApiError(410, 'Expired', message),
  // 422 with causes, the way kubectl prints "The Kind "name" is invalid: field: ...".
  invalid: (type, name, causes) => {
    const parts = causes.map((c) => (c.field ? `${c.field}: ${c.message}` : c.message));
    const joined = parts.length === 1 ? parts[0] : `[${parts.join(', ')}]`;
    return new ApiError(
      422,
      'Invalid',
      `${type.kind}${type.group ? `.${type.group}` : ''} "${name}" is invalid: ${joined}`,
      {
        name,
        ...(type.group ? { group: type.group } : {}),
        kind: type.kind,
        causes,
      },
    );
  },
  forbidden: (message, type, name) =>
    new ApiError(403, 'Forbidden', message, {
      ...(name ? { name } : {}),
      ...(type && type.group ? { group: type.group } : {}),
      ...(type ? { kind: type.plural } : {}),
    }),
};

const clone = (o) => (o === undefined ? undefined : structuredClone(o));

const deepEqual = (a, b) => {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a).filter((k) => a[k] !== undefined);
  const kb = Object.keys(b).filter((k) => b[k] !== undefined);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => deepEqual(a[k], b[k]));
};

const ALNUM = 'bcdfghjklmnpqrstvwxz2456789';
const randomSuffix = (n = 5) => {
  const bytes = crypto.randomBytes(n);
  return Array.from(bytes, (b) => ALNUM[b % ALNUM.length]).join('');
};

const now = () => new Date().toISOString().replace(/\.\d+Z$/, 'Z');

const isPlainObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

const cond = (type, status, reason, message, extra = {}) => ({
  type,
  status,
  reason,
  message,
  lastTransitionTime: now(),
  ...extra,
});

/** Keep lastTransitionTime stable when a condition's status did not change. */
const keepTransitions = (prev = [], next = []) =>
  next.map((c) => {
    const p = prev.find((x) => x.type === c.type);
    return p && p.status === c.status && p.reason === c.reason
      ? { ...c, lastTransitionTime: p.lastTransitionTime }
      : c;
  });

const ownerRef = (o, controller = true) => ({
  apiVersion: o.apiVersion,
  kind: o.kind,
  name: o.metadata.name,
  uid: o.metadata.uid,
  ...(controller ? { controller: true, blockOwnerDeletion: true } : {}),
});

const ownedBy = (o, owner) =>
  (o.metadata.ownerReferences || []).some((r) => r.uid === owner.metadata.uid);

module.exports = {
  ApiError,
  errors,
  qualified,
  clone,
  deepEqual,
  randomSuffix,
  now,
  isPlainObject,
  cond,
  keepTransitions,
  ownerRef,
  ownedBy,
};
