#!/usr/bin/env node
// A stand-in for `oc`/`kubectl` that knows one object, consoles.operator.openshift.io/cluster,
// so files/console-plugins.sh can be run without a cluster. It answers the calls the script
// makes (get -o name|json|jsonpath, --ignore-not-found, patch --type=json) with the API
// server's semantics: RFC 6902 patches are atomic, a failed `test` rejects the whole patch, a
// change bumps metadata.resourceVersion.
//
// Environment:
//   FAKE_STATE  JSON file {console: <object or null>, raceAdds: [names], forbid: [verbs]}.
//               raceAdds: before each patch, another writer appends the next name (and bumps
//               resourceVersion), so the script's read is stale. forbid: verbs answered 403.
//   FAKE_LOG    file that gets one JSON line per call: {argv, before, ops?, ok, out, after}.
const fs = require('fs');

const RESOURCE = 'consoles.operator.openshift.io';
const statePath = process.env.FAKE_STATE;
const logPath = process.env.FAKE_LOG;

const readState = () => JSON.parse(fs.readFileSync(statePath, 'utf8'));
const writeState = (s) => fs.writeFileSync(statePath, JSON.stringify(s, null, 2));
const clone = (v) => JSON.parse(JSON.stringify(v));

class PatchError extends Error {}

// --- output formats ------------------------------------------------------------------------

// Go's encoding/json sorts map keys; kubectl's jsonpath prints objects and arrays that way.
const goJson = (v) => {
  if (Array.isArray(v)) return `[${v.map(goJson).join(',')}]`;
  if (v && typeof v === 'object') {
    const keys = Object.keys(v).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${goJson(v[k])}`).join(',')}}`;
  }
  return JSON.stringify(v);
};
const printValue = (v) => (typeof v === 'string' ? v : goJson(v));

const lookup = (root, current, expr) => {
  if (expr === '@') return current;
  if (!expr.startsWith('.')) throw new Error(`fake jsonpath: unsupported expression ${expr}`);
  let v = root;
  for (const key of expr.slice(1).split('.')) {
    if (!/^[A-Za-z0-9_]+$/.test(key)) throw new Error(`fake jsonpath: unsupported key ${key}`);
    v = v && typeof v === 'object' && !Array.isArray(v) ? v[key] : undefined;
  }
  return v;
};

// The subset of kubectl's JSONPath the script uses: text, {"literal"}, {.a.b}, {@} and
// {range .a.b[*]}...{end}. Anything else is an error, so the script cannot come to depend on
// a feature this fake would get wrong.
const jsonpath = (template, obj) => {
  const tokens = [];
  const re = /\{([^{}]*)\}/g;
  let last = 0;
  let m;
  while ((m = re.exec(template))) {
    if (m.index > last) tokens.push({ text: template.slice(last, m.index) });
    tokens.push({ expr: m[1].trim() });
    last = re.lastIndex;
  }
  if (last < template.length) tokens.push({ text: template.slice(last) });

  const render = (list, current) => {
    let out = '';
    for (let i = 0; i < list.length; i += 1) {
      const t = list[i];
      if (t.text !== undefined) out += t.text;
      else if (t.expr.startsWith('"')) out += JSON.parse(t.expr);
      else if (t.expr.startsWith('range ')) {
        const target = t.expr.slice(6).trim();
        if (!target.endsWith('[*]')) throw new Error(`fake jsonpath: unsupported range ${target}`);
        const end = list.findIndex((x, j) => j > i && x.expr === 'end');
        if (end < 0) throw new Error('fake jsonpath: range without end');
        const items = lookup(obj, current, target.slice(0, -3));
        for (const item of Array.isArray(items) ? items : []) {
          out += render(list.slice(i + 1, end), item);
        }
        i = end;
      } else {
        const v = lookup(obj, current, t.expr);
        if (v !== undefined) out += printValue(v);
      }
    }
    return out;
  };
  return render(tokens, obj);
};

// --- RFC 6902 ------------------------------------------------------------------------------

const parsePointer = (p) => {
  if (p === '') return [];
  if (!p.startsWith('/')) throw new PatchError(`invalid JSON pointer ${p}`);
  return p
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
};

const parentOf = (doc, pointer) => {
  const keys = parsePointer(pointer);
  if (!keys.length) throw new PatchError('operations on the document root are not supported');
  let parent = doc;
  for (const k of keys.slice(0, -1)) {
    parent = Array.isArray(parent) ? parent[Number(k)] : parent?.[k];
    if (parent === undefined || parent === null || typeof parent !== 'object') {
      throw new PatchError(`doc is missing path: "${pointer}"`);
    }
  }
  return { parent, key: keys[keys.length - 1] };
};

const arrayIndex = (arr, key, { allowEnd }) => {
  if (allowEnd && key === '-') return arr.length;
  if (!/^(0|[1-9][0-9]*)$/.test(key)) throw new PatchError(`invalid array index ${key}`);
  const i = Number(key);
  if (i > arr.length || (!allowEnd && i === arr.length)) {
    throw new PatchError(`Unable to access invalid index: ${i}`);
  }
  return i;
};

const deepEqual = (a, b) => goJson(a) === goJson(b);

const applyPatch = (doc, ops) => {
  if (!Array.isArray(ops)) throw new PatchError('a JSON patch is an array of operations');
  for (const op of ops) {
    const { parent, key } = parentOf(doc, op.path);
    const isArr = Array.isArray(parent);
    switch (op.op) {
      case 'add':
        if (!('value' in op)) throw new PatchError('add needs a value');
        if (isArr) parent.splice(arrayIndex(parent, key, { allowEnd: true }), 0, clone(op.value));
        else parent[key] = clone(op.value);
        break;
      case 'remove':
        if (isArr) parent.splice(arrayIndex(parent, key, { allowEnd: false }), 1);
        else if (key in parent) delete parent[key];
        else throw new PatchError(`remove: missing path ${op.path}`);
        break;
      case 'replace':
        if (isArr) parent[arrayIndex(parent, key, { allowEnd: false })] = clone(op.value);
        else if (key in parent) parent[key] = clone(op.value);
        else throw new PatchError(`replace: missing path ${op.path}`);
        break;
      case 'test': {
        const actual = isArr ? parent[Number(key)] : parent[key];
        if (actual === undefined || !deepEqual(actual, op.value)) {
          throw new PatchError(`testing value ${op.path} failed: test failed`);
        }
        break;
      }
      default:
        throw new PatchError(`fake: unsupported op ${op.op}`);
    }
  }
  return doc;
};

// --- command line --------------------------------------------------------------------------

const parseArgs = (argv) => {
  const positional = [];
  const flags = {};
  for (let i = 0; i < argv.length; i += 1) {
    const a = argv[i];
    const long = /^--([a-z-]+)(?:=(.*))?$/.exec(a);
    if (long) {
      const [, k, v] = long;
      if (k === 'ignore-not-found') flags[k] = v === undefined ? 'true' : v;
      else flags[k] = v !== undefined ? v : argv[(i += 1)];
    } else if (a === '-o' || a === '-p') {
      flags[a === '-o' ? 'output' : 'patch'] = argv[(i += 1)];
    } else if (/^-[op]=/.test(a)) {
      flags[a[1] === 'o' ? 'output' : 'patch'] = a.slice(3);
    } else if (a.startsWith('-')) {
      throw new Error(`fake: unsupported flag ${a}`);
    } else positional.push(a);
  }
  return { positional, flags };
};

const main = (argv) => {
  const { positional, flags } = parseArgs(argv);
  const [verb, resource, name] = positional;
  const state = readState();
  const entry = { argv, before: clone(state.console) };
  const finish = (ok, out, err) => {
    const after = readState().console;
    if (logPath) fs.appendFileSync(logPath, `${JSON.stringify({ ...entry, ok, out, after })}\n`);
    if (out) process.stdout.write(out);
    if (err) process.stderr.write(`${err}\n`);
    return ok ? 0 : 1;
  };

  if (resource !== RESOURCE && resource !== `${RESOURCE}/cluster`) {
    return finish(false, '', `error: the server doesn't have a resource type "${resource}"`);
  }
  if (name !== 'cluster') {
    return finish(false, '', `Error from server (NotFound): consoles "${name}" not found`);
  }
  if ((state.forbid || []).includes(verb)) {
    return finish(
      false,
      '',
      `Error from server (Forbidden): consoles.operator.openshift.io "cluster" is forbidden: ` +
        `User "system:serviceaccount:test:patcher" cannot ${verb} resource "consoles"`,
    );
  }

  if (verb === 'get') {
    if (!state.console) {
      if (flags['ignore-not-found'] === 'true') return finish(true, '');
      return finish(false, '', 'Error from server (NotFound): consoles "cluster" not found');
    }
    const output = flags.output || '';
    if (output === 'name') return finish(true, 'console.operator.openshift.io/cluster\n');
    if (output === 'json') return finish(true, `${JSON.stringify(state.console, null, 4)}\n`);
    if (output.startsWith('jsonpath=')) {
      return finish(true, jsonpath(output.slice('jsonpath='.length), state.console));
    }
    throw new Error(`fake: unsupported output ${output}`);
  }

  if (verb === 'patch') {
    if (flags.type !== 'json') throw new Error(`fake: only --type=json is simulated`);
    if (!state.console) {
      return finish(false, '', 'Error from server (NotFound): consoles "cluster" not found');
    }
    // Another writer gets in between the script's read and this patch.
    if (state.raceAdds && state.raceAdds.length) {
      const other = state.raceAdds.shift();
      const c = state.console;
      c.spec = c.spec || {};
      c.spec.plugins = [...(c.spec.plugins || []), other];
      c.metadata.resourceVersion = String(Number(c.metadata.resourceVersion) + 1);
      writeState(state);
      entry.before = clone(c);
    }
    let ops;
    try {
      ops = JSON.parse(flags.patch);
    } catch (e) {
      return finish(false, '', `error: unable to parse "${flags.patch}": ${e.message}`);
    }
    entry.ops = ops;
    let next;
    try {
      next = applyPatch(clone(state.console), ops);
    } catch (e) {
      if (!(e instanceof PatchError)) throw e;
      return finish(
        false,
        '',
        `The request is invalid: the server rejected our request due to an error in our request: ${e.message}`,
      );
    }
    const changed = !deepEqual(next, state.console);
    if (changed) {
      next.metadata.resourceVersion = String(Number(state.console.metadata.resourceVersion) + 1);
      state.console = next;
      writeState(state);
    }
    return finish(
      true,
      `console.operator.openshift.io/cluster patched${changed ? '' : ' (no change)'}\n`,
    );
  }

  throw new Error(`fake: unsupported verb ${verb}`);
};

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2));
}

module.exports = { jsonpath, applyPatch, PatchError };
