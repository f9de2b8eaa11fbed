import {
  dedupe,
  formatPath,
  isBlocking,
  issue,
  issuesAt,
  parseFieldPath,
  unclaimed,
  warning,
} from './issues';

describe('field paths', () => {
  it('reads the API server’s field notation into segments and back', () => {
    expect(parseFieldPath('spec.http[0].route[12].weight')).toEqual([
      'spec',
      'http',
      0,
      'route',
      12,
      'weight',
    ]);
    expect(parseFieldPath('spec.http[0].headers.request.set.x-canary')).toEqual([
      'spec',
      'http',
      0,
      'headers',
      'request',
      'set',
      'x-canary',
    ]);
    expect(parseFieldPath('spec.matrix[1][2]')).toEqual(['spec', 'matrix', 1, 2]);
    expect(parseFieldPath('')).toEqual([]);
    expect(formatPath(['spec', 'http', 0, 'route', 1, 'weight'])).toBe(
      'spec.http[0].route[1].weight',
    );
    expect(formatPath([])).toBe('');
  });

  it('keeps quoted map keys whole: port numbers and keys with dots are one segment', () => {
    expect(parseFieldPath('spec.portLevelMtls["9080"].mode')).toEqual([
      'spec',
      'portLevelMtls',
      '9080',
      'mode',
    ]);
    expect(parseFieldPath("metadata.labels['app.kubernetes.io/name']")).toEqual([
      'metadata',
      'labels',
      'app.kubernetes.io/name',
    ]);
    for (const path of [
      ['spec', 'portLevelMtls', '9080', 'mode'],
      ['metadata', 'labels', 'app.kubernetes.io/name'],
      ['spec', 'http', 2, 'match', 0, 'headers', 'x-canary', 'exact'],
    ]) {
      expect(parseFieldPath(formatPath(path))).toEqual(path);
    }
  });
});

describe('issues on fields', () => {
  const mine = { ...issue('x', ['spec', 'subsets', 1, 'name']), object: 'DestinationRule' };
  const other = { ...issue('x', ['spec', 'subsets', 0, 'name']), object: 'DestinationRule' };
  const host = { ...issue('y', ['spec', 'host']), object: 'DestinationRule' };
  const vs = { ...issue('x', ['spec', 'subsets', 1, 'name']), object: 'VirtualService' };

  it('gives a field its own issues only, not a sibling’s or another object’s', () => {
    const all = [mine, other, host, vs];
    expect(issuesAt(all, ['spec', 'subsets', 1, 'name'], { object: 'DestinationRule' })).toEqual([
      mine,
    ]);
    expect(
      issuesAt(all, ['spec', 'subsets', 1], { object: 'DestinationRule', under: true }),
    ).toEqual([mine]);
    expect(issuesAt(all, ['spec', 'subsets', 1], { object: 'DestinationRule' })).toEqual([]);
  });

  it('leaves the unclaimed ones for the list above Apply', () => {
    expect(
      unclaimed([mine, other, host], [{ object: 'DestinationRule', path: ['spec', 'host'] }]),
    ).toEqual([mine, other]);
  });

  it('blocks on errors, not on warnings, and says each finding once', () => {
    expect(isBlocking([warning('w')])).toBe(false);
    expect(isBlocking([warning('w'), issue('e')])).toBe(true);
    expect(dedupe([issue('e', ['a']), issue('e', ['a']), issue('e', ['b'])])).toHaveLength(2);
  });
});
