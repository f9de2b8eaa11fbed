'use strict';
// The three patch formats the API server accepts (plus apply), implemented from their RFCs.
const { ApiError, clone, deepEqual, isPlainObject } = require('./util');

/** RFC 7386 JSON merge patch. */
const mergePatch = (target, patch) => {
  if (!isPlainObject(patch)) return clone(patch);
  const out = isPlainObject(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
};

// The API server answers a patch that cannot be applied with this generic 422.
const patchFailed = (why) => {
  const e = new ApiError(
    422,
    'Invalid',
    'the server rejected our request due to an error in our request',
    {},
  );
  e.why = why;
  return e;
};

const parsePointer = (p) => {
  if (p === '') return [];
  if (typeof p !== 'string' || p[0] !== '/') throw patchFailed(`invalid JSON pointer ${p}`);
  return p
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
};

const walk = (doc, tokens) => {
  let cur = doc;
  for (const t of tokens) {
    if (Array.isArray(cur)) {
      if (!/^\d+$/.test(t) || Number(t) >= cur.length) return { found: false };
      cur = cur[Number(t)];
    } else if (isPlainObject(cur) && Object.prototype.hasOwnProperty.call(cur, t)) cur = cur[t];
    else return { found: false };
  }
  return { found: true, value: cur };
};

const parentOf = (doc, tokens, op) => {
  const { found, value } = walk(doc, tokens.slice(0, -1));
  if (!found || (typeof value !== 'object' && value !== null) || value === null) {
    throw patchFailed(`${op} operation does not apply: doc is missing path`);
  }
  return value;
};

const addAt = (doc, tokens, value) => {
  if (!tokens.length) return value;
  const parent = parentOf(doc, tokens, 'add');
  const last = tokens[tokens.length - 1];
  if (Array.isArray(parent)) {
    const idx = last === '-' ? parent.length : Number(last);
    if (!/^(\d+|-)$/.test(last) || idx > parent.length) {
      throw patchFailed('add operation does not apply: index out of bounds');
    }
    parent.splice(idx, 0, value);
  } else parent[last] = value;
  return doc;
};

const removeAt = (doc, tokens) => {
  const parent = parentOf(doc, tokens, 'remove');
  const last = tokens[tokens.length - 1];
  if (Array.isArray(parent)) {
    const idx = Number(last);
    if (!/^\d+$/.test(last) || idx >= parent.length) {
      throw patchFailed('remove operation does not apply: index out of bounds');
    }
    return { doc, removed: parent.splice(idx, 1)[0] };
  }
  if (!Object.prototype.hasOwnProperty.call(parent, last)) {
    throw patchFailed('remove operation does not apply: doc is missing key');
  }
  const removed = parent[last];
  delete parent[last];
  return { doc, removed };
};

/** RFC 6902 JSON patch; every operation, `test` included. */
const jsonPatch = (target, ops) => {
  if (!Array.isArray(ops)) {
    throw new ApiError(
      400,
      'BadRequest',
      'json: cannot unmarshal object into Go value of type jsonpatch.Patch',
    );
  }
  let doc = clone(target);
  for (const op of ops) {
    const tokens = parsePointer(op.path);
    switch (op.op) {
      case 'add':
        doc = addAt(doc, tokens, clone(op.value));
        break;
      case 'remove':
        doc = removeAt(doc, tokens).doc;
        break;
      case 'replace': {
        if (!tokens.length) {
          doc = clone(op.value);
          break;
        }
        if (!walk(doc, tokens).found) {
          throw patchFailed('replace operation does not apply: doc is missing key');
        }
        const parent = parentOf(doc, tokens, 'replace');
        parent[
          Array.isArray(parent) ? Number(tokens[tokens.length - 1]) : tokens[tokens.length - 1]
        ] = clone(op.value);
        break;
      }
      case 'move': {
        const r = removeAt(doc, parsePointer(op.from));
        doc = addAt(r.doc, tokens, r.removed);
        break;
      }
      case 'copy': {
        const src = walk(doc, parsePointer(op.from));
        if (!src.found)
          throw patchFailed('copy operation does not apply: doc is missing from path');
        doc = addAt(doc, tokens, clone(src.value));
        break;
      }
      case 'test': {
        const cur = walk(doc, tokens);
        if (!cur.found || !deepEqual(cur.value, op.value)) {
          throw patchFailed(`testing value ${op.path} failed: test failed`);
        }
        break;
      }
      default:
        throw patchFailed(`Unexpected kind: ${op.op}`);
    }
  }
  return doc;
};

// Strategic merge patch, approximated: a merge patch where lists of objects with a known merge
// key are merged item by item, and kubectl's directives ($patch, $setElementOrder, $retainKeys)
// are honoured or dropped. Only built-in kinds get here (custom resources reject it, as upstream).
const MERGE_KEYS = {
  containers: 'name',
  initContainers: 'name',
  ephemeralContainers: 'name',
  env: 'name',
  volumes: 'name',
  volumeMounts: 'mountPath',
  imagePullSecrets: 'name',
  conditions: 'type',
  ownerReferences: 'uid',
  tolerations: 'key',
};
const mergeKeyFor = (field, items) => {
  if (field === 'ports') {
    if (items.some((i) => isPlainObject(i) && 'containerPort' in i)) return 'containerPort';
    return 'port';
  }
  return MERGE_KEYS[field];
};

const strategicMerge = (target, patch) => {
  if (!isPlainObject(patch)) return clone(patch);
  if (patch.$patch === 'replace') {
    const rest = { ...patch };
    delete rest.$patch;
    return clone(rest);
  }
  if (patch.$patch === 'delete') return undefined;
  const out = isPlainObject(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (k.startsWith('$setElementOrder/') || k === '$retainKeys' || k === '$patch') continue;
    if (k.startsWith('$deleteFromPrimitiveList/')) {
      const field = k.slice('$deleteFromPrimitiveList/'.length);
      if (Array.isArray(out[field])) out[field] = out[field].filter((x) => !v.includes(x));
      continue;
    }
    if (v === null) {
      delete out[k];
      continue;
    }
    const key = Array.isArray(v) ? mergeKeyFor(k, v) : undefined;
    if (key && Array.isArray(out[k])) {
      const merged = out[k].map((x) => clone(x));
      for (const item of v) {
        const idx = merged.findIndex((x) => isPlainObject(x) && x[key] === item[key]);
        if (item.$patch === 'delete') {
          if (idx >= 0) merged.splice(idx, 1);
        } else if (idx >= 0) merged[idx] = strategicMerge(merged[idx], item);
        else merged.push(strategicMerge(undefined, item));
      }
      out[k] = merged;
    } else if (Array.isArray(v)) out[k] = v.filter((i) => !(i && i.$patch)).map(clone);
    else {
      const r = strategicMerge(out[k], v);
      if (r === undefined) delete out[k];
      else out[k] = r;
    }
  }
  return out;
};

module.exports = { mergePatch, jsonPatch, strategicMerge };
