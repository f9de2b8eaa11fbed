'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { describe, expect, it } = require('@jest/globals');
const { readCommitted, readConsoleShares } = require('./consoleSharedModules');

describe('the modules console 4.22 shares', () => {
  it("are read from the console build's runtime bundle registrations", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'console-runtime-'));
    fs.writeFileSync(path.join(dir, 'index.html'), '');
    const provides = [
      ['react', '18.3.1'],
      ['redux', '4.0.4'],
      ['redux', '5.0.1'],
      ...Array.from({ length: 10 }, (_, i) => [`@patternfly/m${i}`, '6.4.2']),
    ];
    fs.writeFileSync(
      path.join(dir, 'runtime-bundle-abc.min.js'),
      provides.map(([n, v], i) => `a("${n}","${v}",()=>(()=>e(${i})),1)`).join(','),
    );
    const modules = readConsoleShares(dir);
    expect(modules.redux).toEqual(['4.0.4', '5.0.1']);
    expect(modules.react).toEqual(['18.3.1']);
    expect(Object.keys(modules)).toHaveLength(12);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('are committed with the SDK as 0.0.0-fixed and without the PatternFly Slider', () => {
    const { modules } = readCommitted();
    expect(modules['@openshift-console/dynamic-plugin-sdk']).toEqual(['0.0.0-fixed']);
    expect(modules['@patternfly/react-core/dist/dynamic/components/Button']).toEqual(['6.4.2']);
    expect(modules['@patternfly/react-core/dist/dynamic/components/Slider']).toBeUndefined();
  });

  it('say nothing without a console build', () => {
    expect(readConsoleShares(os.tmpdir())).toBeNull();
  });
});
