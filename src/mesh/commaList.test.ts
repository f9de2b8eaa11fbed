import { commaList } from './commaList';

describe('commaList', () => {
  it('trims entries and drops empty ones', () => {
    expect(commaList(' /reviews/* , ,/health,')).toEqual(['/reviews/*', '/health']);
    expect(commaList('   ')).toEqual([]);
  });
});
