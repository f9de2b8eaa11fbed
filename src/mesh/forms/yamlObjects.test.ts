import { objectsToYaml, yamlToObjects } from './yamlObjects';

const dr = {
  apiVersion: 'networking.istio.io/v1',
  kind: 'DestinationRule',
  metadata: { name: 'reviews', namespace: 'bookinfo' },
  spec: { host: 'reviews' },
};
const vs = {
  apiVersion: 'networking.istio.io/v1',
  kind: 'VirtualService',
  metadata: { name: 'reviews', namespace: 'bookinfo' },
  spec: { hosts: ['reviews'] },
};

describe('the YAML view', () => {
  it('round-trips the objects a form edits', () => {
    const text = objectsToYaml([dr, vs]);
    expect(text).toContain('---\n');
    expect(yamlToObjects(text, [dr, vs])).toEqual({ objects: [dr, vs], issues: [] });
  });

  it('says why YAML that does not parse cannot be used', () => {
    const r = yamlToObjects('kind: VirtualService: broken', [vs]);
    expect(r.objects).toBeUndefined();
    expect(r.issues[0]).toMatchObject({ code: 'yaml.parse', severity: 'error' });
  });

  it('refuses to rename, re-kind or move the objects, or to add or drop one', () => {
    const renamed = { ...vs, metadata: { ...vs.metadata, name: 'ratings' } };
    const r = yamlToObjects(objectsToYaml([renamed]), [vs]);
    expect(r.issues).toEqual([
      {
        object: 'VirtualService',
        path: ['metadata', 'name'],
        code: 'yaml.identity',
        params: { field: 'metadata.name' },
        severity: 'error',
      },
    ]);
    expect(yamlToObjects(objectsToYaml([vs]), [dr, vs]).issues.map((i) => i.code)).toContain(
      'yaml.identity',
    );
    expect(yamlToObjects(objectsToYaml([dr, vs, vs]), [dr, vs]).issues[0].code).toBe(
      'yaml.not-object',
    );
    expect(yamlToObjects('- a\n- b\n', [vs]).issues[0].code).toBe('yaml.not-object');
  });
});
