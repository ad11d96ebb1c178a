import { fromUnits, product, sum, toUnits } from './decimals';

describe('exact decimals', () => {
  it('adds without floating-point drift', () => {
    expect(fromUnits(sum('0.1', '0.2'))).toBe('0.3');
    expect(fromUnits(sum('151.67', null, '68.33'))).toBe('220');
  });

  it('multiplies before it divides, then rounds half up', () => {
    expect(product(['1000000', '50', '5'], ['30', '100', '100'], 0)).toBe('833');
    expect(product(['1000000', '50', '5'], ['30', '100', '100'], 2)).toBe('833.33');
    expect(product(['10'], ['4'], 0)).toBe('3');
    expect(product(['2'], ['3'], 2)).toBe('0.67');
  });

  it('round-trips its text', () => {
    expect(fromUnits(toUnits('12.5'))).toBe('12.5');
    expect(toUnits('3') - toUnits('2.9999')).toBe(1n);
  });

  it('reads wholes of any length exactly, fractions past four places cut', () => {
    expect(toUnits('99999999999.9999')).toBe(999999999999999n);
    expect(toUnits('999999999999.9999')).toBe(9999999999999999n);
    expect(toUnits('123456789012345678.5')).toBe(1234567890123456785000n);
    expect(toUnits('0.123456')).toBe(1234n);
    expect(toUnits('7.5')).toBe(75000n);
  });
});
