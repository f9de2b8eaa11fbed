// values.schema.json stops a bad install before anything reaches the cluster: helm refuses to
// render, and its message names the offending value.
/* global beforeAll, describe, expect, test -- Jest globals; the repo's ESLint config declares them for *.test.ts(x) only. */
const { ensureTools, render, renderRaw } = require('./support/helm');

beforeAll(ensureTools, 10 * 60 * 1000);

const rejected = (args, opts) => {
  const r = renderRaw(args, opts);
  expect(r.status).not.toBe(0);
  expect(r.stderr).toContain("values don't meet the specifications of the schema");
  return r.stderr;
};

describe('values.schema.json rejects', () => {
  test('an install without the plugin image', () => {
    expect(rejected([], { withImage: false })).toMatch(/image\.repository/);
  });

  test.each([
    ['image with whitespace', ['--set', 'image.repository=quay.io/a b'], /image\.repository/],
    ['unknown pull policy', ['--set', 'image.pullPolicy=Sometimes'], /image\.pullPolicy/],
    ['zero replicas', ['--set', 'replicas=0'], /replicas/],
    ['replicas as text', ['--set-string', 'replicas=two'], /replicas/],
    ['port 0', ['--set', 'port=0'], /port/],
    ['port above 65535', ['--set', 'port=65536'], /port/],
    ['kiali proxy port 0', ['--set', 'consolePlugin.proxy.kiali.port=0'], /proxy\.kiali\.port/],
    [
      'tempo proxy port above 65535',
      ['--set', 'consolePlugin.proxy.tempo.port=70000'],
      /proxy\.tempo\.port/,
    ],
    [
      'tempo enabled without its Service',
      ['--set', 'consolePlugin.proxy.tempo.enabled=true'],
      /proxy\.tempo\.name/,
    ],
    [
      'a Service name that is not a DNS label',
      ['--set', 'consolePlugin.proxy.kiali.name=Kiali_Server'],
      /proxy\.kiali\.name/,
    ],
    ['an unknown proxy alias', ['--set', 'consolePlugin.proxy.jaeger.enabled=true'], /jaeger/],
    ['an empty displayName', ['--set', 'consolePlugin.displayName='], /displayName/],
    ['enable given as text', ['--set-string', 'consolePlugin.enable=yes'], /consolePlugin\.enable/],
    ['a misspelt top-level key', ['--set', 'replica=2'], /replica/],
    ['an invalid TLS secret name', ['--set', 'tls.existingSecret=My_Cert'], /tls\.existingSecret/],
    [
      'no ServiceAccount name when not creating one',
      ['--set', 'serviceAccount.create=false'],
      /serviceAccount/,
    ],
    ['a Job image without repository', ['--set', 'enableJob.image.repository='], /enableJob/],
    ['zero retry attempts', ['--set', 'enableJob.maxAttempts=0'], /maxAttempts/],
  ])('%s', (_label, args, field) => {
    expect(rejected(args)).toMatch(field);
  });
});

describe('values.schema.json accepts', () => {
  test('port bounds 1 and 65535, one replica, and a digest tag', () => {
    expect(() => render(['--set', 'port=1'])).not.toThrow();
    expect(() => render(['--set', 'port=65535', '--set', 'replicas=1'])).not.toThrow();
    expect(() => render(['--set', `image.tag=sha256:${'0'.repeat(64)}`])).not.toThrow();
  });
});
