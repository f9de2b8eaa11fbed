import { formatBytesPerSecond, formatMs, formatPercent, formatRate } from './format';

describe('number formats', () => {
  it.each([
    [9, '9.00'],
    [0.2, '0.20'],
    [12.44, '12.4'],
    [150.4, '150'],
  ])('formatRate(%s) = %s', (n, s) => expect(formatRate(n)).toBe(s));

  it.each([
    [90, '90%'],
    [10, '10%'],
    [12.5, '12.5%'],
    [9.99, '10%'],
    [0.123, '0.12%'],
    [0, '0%'],
  ])('formatPercent(%s) = %s', (n, s) => expect(formatPercent(n)).toBe(s));

  it.each([
    [512, '512 B/s'],
    [1500.5, '1.5 kB/s'],
    [2_340_000, '2.3 MB/s'],
  ])('formatBytesPerSecond(%s) = %s', (n, s) => expect(formatBytesPerSecond(n)).toBe(s));
});

describe('formatMs', () => {
  it.each([
    [0.48, '0.48 ms'],
    [9.54, '9.5 ms'],
    [45.67, '46 ms'],
    [120.4, '120 ms'],
    [1250, '1.25 s'],
  ])('formatMs(%s) = %s', (n, s) => expect(formatMs(n)).toBe(s));
});
