import { CONFIG_CODES, configIssue } from './configCodes';

describe('CONFIG_CODES', () => {
  it('lists each code once, in the config. namespace, with a Kiali code where there is one', () => {
    const codes = CONFIG_CODES.map((c) => c.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const c of CONFIG_CODES) {
      expect(c.code).toMatch(/^config\.[a-z-]+(\.[a-z-]+)?$/);
      expect(['error', 'warning']).toContain(c.severity);
      if ('kia' in c) expect(c.kia).toMatch(/^KIA\d{4}$/);
    }
  });

  it('builds issues with the listed severity and the Kiali code as a parameter', () => {
    expect(configIssue('config.vs.subset-not-found', ['spec'], { subset: 'v1' })).toEqual({
      path: ['spec'],
      code: 'config.vs.subset-not-found',
      params: { subset: 'v1', kia: 'KIA1107' },
      severity: 'warning',
    });
    expect(configIssue('config.dr.port-not-found', [])).toEqual({
      path: [],
      code: 'config.dr.port-not-found',
      severity: 'warning',
    });
  });
});
