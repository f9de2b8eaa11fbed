'use strict';
// Label and field selectors with the API server's syntax and error messages.
const { errors } = require('./util');

/** Split on commas that are not inside "(...)" (set-based requirements contain commas). */
const splitTerms = (s) => {
  const out = [];
  let depth = 0;
  let cur = '';
  for (const ch of s) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out.map((t) => t.trim()).filter((t) => t.length);
};

const KEY = /^([a-z0-9A-Z]([-a-z0-9A-Z_./]*[a-z0-9A-Z])?)$/;

/** Parse a label selector string into predicates over a labels map. Throws 400 on bad input. */
const parseLabelSelector = (raw) => {
  if (!raw) return () => true;
  const reqs = splitTerms(raw).map((term) => {
    let m;
    if ((m = /^(\S+)\s+(in|notin)\s+\(([^)]*)\)$/.exec(term))) {
      const [, key, op, list] = m;
      const values = list
        .split(',')
        .map((v) => v.trim())
        .filter((v) => v.length);
      if (!KEY.test(key)) throw errors.badRequest(`unable to parse requirement: ${term}`);
      return op === 'in'
        ? (l) => key in l && values.includes(l[key])
        : (l) => !(key in l) || !values.includes(l[key]);
    }
    if ((m = /^!\s*(\S+)$/.exec(term))) {
      const key = m[1];
      if (!KEY.test(key)) throw errors.badRequest(`unable to parse requirement: ${term}`);
      return (l) => !(key in l);
    }
    if ((m = /^([^=!\s]+)\s*(==|=|!=)\s*(\S*)$/.exec(term))) {
      const [, key, op, value] = m;
      if (!KEY.test(key)) throw errors.badRequest(`unable to parse requirement: ${term}`);
      return op === '!=' ? (l) => l[key] !== value : (l) => l[key] === value;
    }
    if (KEY.test(term)) return (l) => term in l;
    throw errors.badRequest(
      `unable to parse requirement: found '${term}', expected: '=', '!=', '==', 'in', notin'`,
    );
  });
  return (labels) => reqs.every((r) => r(labels || {}));
};

/** Field selectors: the API server supports metadata.name/namespace for every kind. */
const FIELD_GETTERS = {
  'metadata.name': (o) => o.metadata.name,
  'metadata.namespace': (o) => o.metadata.namespace || '',
};
// A few kind-specific fields the console uses.
const KIND_FIELDS = {
  pods: {
    'status.phase': (o) => (o.status && o.status.phase) || '',
    'spec.nodeName': (o) => (o.spec && o.spec.nodeName) || '',
  },
  events: {
    'involvedObject.name': (o) => (o.involvedObject && o.involvedObject.name) || '',
    'involvedObject.kind': (o) => (o.involvedObject && o.involvedObject.kind) || '',
    'involvedObject.uid': (o) => (o.involvedObject && o.involvedObject.uid) || '',
  },
};

const parseFieldSelector = (raw, type) => {
  if (!raw) return () => true;
  const reqs = splitTerms(raw).map((term) => {
    const m = /^([^=!]+)(==|=|!=)(.*)$/.exec(term);
    if (!m) throw errors.badRequest(`invalid selector: '${raw}'; can't understand '${term}'`);
    const [, field, op, value] = m;
    const getter = FIELD_GETTERS[field] || (KIND_FIELDS[type.plural] || {})[field];
    if (!getter) {
      throw errors.badRequest(
        `"${field}" is not a known field selector: only "metadata.name", "metadata.namespace"`,
      );
    }
    return op === '!=' ? (o) => getter(o) !== value : (o) => getter(o) === value;
  });
  return (obj) => reqs.every((r) => r(obj));
};

/** metav1.LabelSelector (matchLabels/matchExpressions) as a predicate. */
const matchesLabelSelector = (selector, labels) => {
  if (!selector) return false;
  const l = labels || {};
  const ml = selector.matchLabels || {};
  if (!Object.entries(ml).every(([k, v]) => l[k] === v)) return false;
  return (selector.matchExpressions || []).every(({ key, operator, values = [] }) => {
    switch (operator) {
      case 'In':
        return values.includes(l[key]);
      case 'NotIn':
        return !values.includes(l[key]);
      case 'Exists':
        return key in l;
      case 'DoesNotExist':
        return !(key in l);
      default:
        return false;
    }
  });
};

module.exports = { parseLabelSelector, parseFieldSelector, matchesLabelSelector };
