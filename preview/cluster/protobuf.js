'use strict';
// kubectl's typed clients (e.g. `kubectl auth can-i`) send built-in review objects as
// Kubernetes protobuf. This decodes just enough of that wire format for
// SelfSubjectAccessReview: the `k8s\0` envelope (runtime.Unknown) and the spec's fields.

const MAGIC = Buffer.from([0x6b, 0x38, 0x73, 0x00]);

const readVarint = (buf, pos) => {
  let result = 0;
  let shift = 0;
  for (;;) {
    const b = buf[pos++];
    if (b === undefined) throw new Error('truncated varint');
    result += (b & 0x7f) * 2 ** shift;
    if (b < 0x80) return [result, pos];
    shift += 7;
  }
};

/** Map of field number -> array of values (Buffers for length-delimited, numbers for varints). */
const fields = (buf) => {
  const out = {};
  let pos = 0;
  while (pos < buf.length) {
    let key;
    [key, pos] = readVarint(buf, pos);
    const no = Math.floor(key / 8);
    const wire = key & 7;
    let value;
    if (wire === 0) [value, pos] = readVarint(buf, pos);
    else if (wire === 2) {
      let len;
      [len, pos] = readVarint(buf, pos);
      value = buf.subarray(pos, pos + len);
      pos += len;
    } else if (wire === 1) {
      value = buf.subarray(pos, pos + 8);
      pos += 8;
    } else if (wire === 5) {
      value = buf.subarray(pos, pos + 4);
      pos += 4;
    } else throw new Error(`unsupported wire type ${wire}`);
    (out[no] = out[no] || []).push(value);
  }
  return out;
};

const str = (f, n) => (f[n] ? f[n][0].toString('utf8') : undefined);

const isProtobuf = (buf) => buf.length >= 4 && buf.subarray(0, 4).equals(MAGIC);

/** Decode a protobuf-encoded SelfSubjectAccessReview into its JSON shape. */
const decodeSelfSubjectAccessReview = (buf) => {
  const unknown = fields(buf.subarray(4));
  const raw = unknown[2] ? unknown[2][0] : Buffer.alloc(0);
  const review = fields(raw);
  const spec = review[2] ? fields(review[2][0]) : {};
  const out = { spec: {} };
  if (spec[1]) {
    const ra = fields(spec[1][0]);
    const names = ['', 'namespace', 'verb', 'group', 'version', 'resource', 'subresource', 'name'];
    out.spec.resourceAttributes = {};
    for (let i = 1; i < names.length; i++) {
      const v = str(ra, i);
      if (v !== undefined) out.spec.resourceAttributes[names[i]] = v;
    }
  }
  if (spec[2]) {
    const nra = fields(spec[2][0]);
    out.spec.nonResourceAttributes = { path: str(nra, 1), verb: str(nra, 2) };
  }
  return out;
};

const map = (f, n, bytes) => {
  if (!f[n]) return undefined;
  const out = {};
  for (const entry of f[n]) {
    const e = fields(entry);
    out[str(e, 1)] = bytes
      ? (e[2] ? e[2][0] : Buffer.alloc(0)).toString('base64')
      : str(e, 2) || '';
  }
  return out;
};

const objectMeta = (buf) => {
  const f = fields(buf);
  const m = {};
  const set = (k, v) => v !== undefined && (m[k] = v);
  set('name', str(f, 1));
  set('generateName', str(f, 2));
  set('namespace', str(f, 3));
  set('resourceVersion', str(f, 6));
  set('labels', map(f, 11));
  set('annotations', map(f, 12));
  if (f[14]) m.finalizers = f[14].map((b) => b.toString('utf8'));
  return m;
};

// Field numbers from k8s.io/api/core/v1/generated.proto for the kinds `kubectl create <kind>`
// sends as protobuf.
const DECODERS = {
  ConfigMap: (f) => ({
    metadata: f[1] ? objectMeta(f[1][0]) : {},
    ...(f[2] ? { data: map(f, 2) } : {}),
    ...(f[3] ? { binaryData: map(f, 3, true) } : {}),
    ...(f[4] ? { immutable: f[4][0] === 1 } : {}),
  }),
  Secret: (f) => ({
    metadata: f[1] ? objectMeta(f[1][0]) : {},
    ...(f[2] ? { data: map(f, 2, true) } : {}),
    ...(f[3] ? { type: str(f, 3) } : {}),
    ...(f[4] ? { stringData: map(f, 4) } : {}),
    ...(f[5] ? { immutable: f[5][0] === 1 } : {}),
  }),
  Namespace: (f) => ({ metadata: f[1] ? objectMeta(f[1][0]) : {} }),
  ServiceAccount: (f) => ({ metadata: f[1] ? objectMeta(f[1][0]) : {} }),
};

/**
 * Decode a protobuf-encoded object of one of the supported kinds into JSON, or return null
 * (the caller answers 415 then).
 */
const decodeObject = (buf) => {
  const unknown = fields(buf.subarray(4));
  const typeMeta = unknown[1] ? fields(unknown[1][0]) : {};
  const kind = str(typeMeta, 2);
  const decoder = DECODERS[kind];
  if (!decoder) return null;
  const raw = unknown[2] ? unknown[2][0] : Buffer.alloc(0);
  return { apiVersion: str(typeMeta, 1), kind, ...decoder(fields(raw)) };
};

module.exports = { isProtobuf, decodeSelfSubjectAccessReview, decodeObject };
