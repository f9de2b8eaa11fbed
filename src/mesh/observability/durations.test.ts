import { DURATION_OPTIONS, durationFromParam } from './durations';

describe('durations', () => {
  it('offers one minute to one day, shortest first', () => {
    expect(DURATION_OPTIONS[0]).toEqual({ seconds: 60, label: '1m' });
    expect(DURATION_OPTIONS[DURATION_OPTIONS.length - 1]).toEqual({ seconds: 86400, label: '1d' });
    const seconds = DURATION_OPTIONS.map((o) => o.seconds);
    expect([...seconds].sort((a, b) => a - b)).toEqual(seconds);
  });

  it('reads a URL parameter only when it is one of the options', () => {
    expect(durationFromParam('3600')).toBe(3600);
    expect(durationFromParam('42')).toBe(600);
    expect(durationFromParam('1h')).toBe(600);
    expect(durationFromParam(null)).toBe(600);
  });
});
