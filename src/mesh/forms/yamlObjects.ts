/**
 * The YAML view of a form: the objects it would write, as one multi-document YAML text, and that
 * text read back into objects the plan then treats exactly like the form's own.
 */
import { parseAllDocuments, stringify } from 'yaml';
import type { K8sResourceCommon } from '../../models';
import { issue } from '../issues';
import type { Issue } from '../issues';

export const objectsToYaml = (objects: K8sResourceCommon[]): string =>
  objects.map((o) => stringify(o)).join('---\n');

const identity = (o: K8sResourceCommon | undefined) => ({
  kind: o?.kind,
  name: o?.metadata?.name,
  namespace: o?.metadata?.namespace,
});

/**
 * The objects in `text`, in the order of `expected` (what the form edits). Each document must be
 * the object of the same kind, name and namespace: the YAML view edits those objects, it does not
 * create or rename others. A problem comes back as issues and no objects.
 */
export const yamlToObjects = (
  text: string,
  expected: K8sResourceCommon[],
): { objects: K8sResourceCommon[]; issues: [] } | { objects?: undefined; issues: Issue[] } => {
  const docs = parseAllDocuments(text);
  const errors = docs.flatMap((d) => d.errors);
  if (errors.length) {
    return { issues: errors.map((e) => issue('yaml.parse', [], { message: e.message })) };
  }
  const values = docs.map((d) => d.toJS() as unknown).filter((v) => v !== null);
  const issues: Issue[] = [];
  const objects = expected.map((want, i) => {
    const got = values[i];
    const id = identity(want);
    if (!got || typeof got !== 'object' || Array.isArray(got)) {
      issues.push(issue('yaml.not-object', [], { kind: id.kind ?? '' }));
      return want;
    }
    const obj = got as K8sResourceCommon;
    const have = identity(obj);
    for (const field of ['kind', 'name', 'namespace'] as const) {
      if (have[field] !== id[field]) {
        const path = field === 'kind' ? ['kind'] : ['metadata', field];
        issues.push({
          ...issue('yaml.identity', path, { field: path.join('.') }),
          ...(id.kind ? { object: id.kind } : {}),
        });
      }
    }
    return obj;
  });
  if (values.length !== expected.length) {
    issues.push(issue('yaml.not-object', [], { kind: expected.map((e) => e.kind).join(', ') }));
  }
  return issues.length ? { issues } : { objects, issues: [] };
};
