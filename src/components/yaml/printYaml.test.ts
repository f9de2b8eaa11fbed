import { stringify } from 'yaml';
import { printYaml } from './printYaml';

describe('printYaml', () => {
  it('prints what yaml.stringify prints', () => {
    const objects = [
      {
        apiVersion: 'networking.istio.io/v1',
        kind: 'VirtualService',
        metadata: { name: 'reviews', annotations: { 'a/b': 'yes', note: 'multi\nline' } },
        spec: {
          hosts: ['reviews'],
          http: [{ route: [{ destination: { host: 'reviews', subset: 'v1' }, weight: 90 }] }],
          empty: {},
          none: null,
          flag: true,
          version: '1.0',
          octal: '0755',
        },
      },
      [],
      'on',
      42,
    ];
    for (const o of objects) expect(printYaml(o)).toBe(stringify(o));
  });
});
