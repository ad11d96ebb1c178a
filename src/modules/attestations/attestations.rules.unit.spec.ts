import { figuresDigest, formatCode, lastDayOf, monthsSpanned, newVerificationCode, normaliseCode } from './attestations.rules';

describe('verification codes', () => {
  it('are 16 characters of Crockford base 32, all different', () => {
    const codes = new Set(Array.from({ length: 200 }, () => newVerificationCode()));
    expect(codes.size).toBe(200);
    for (const code of codes) expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{16}$/);
  });

  it('are read back however they are typed', () => {
    expect(formatCode('ABCDEFGH0123JKMN')).toBe('ABCD-EFGH-0123-JKMN');
    expect(normaliseCode('abcd-efgh-o123 jkmn')).toBe('ABCDEFGH0123JKMN');
    expect(normaliseCode('ABCD-EFGH-0123-JKMl')).toBe('ABCDEFGH0123JKM1');
    expect(normaliseCode('ABCD-EFGH-0123-JKMU')).toBeUndefined();
    expect(normaliseCode('ABCD')).toBeUndefined();
  });
});

describe('figures digest', () => {
  const figures = { months: [{ month: '2017-01', hours: '10.00' }], totalHours: '10.00', people: 1 };

  it('does not depend on the order of the markets', () => {
    const a = { id: 'a', objective: '100.00' };
    const b = { id: 'b', objective: '50.00' };
    expect(figuresDigest(figures, [a, b])).toBe(figuresDigest(figures, [b, a]));
  });

  it('changes with any figure or objective', () => {
    const markets = [{ id: 'a', objective: '100.00' }];
    const digest = figuresDigest(figures, markets);
    expect(figuresDigest({ ...figures, totalHours: '10.50' }, markets)).not.toBe(digest);
    expect(figuresDigest({ ...figures, people: 2 }, markets)).not.toBe(digest);
    expect(figuresDigest({ ...figures, months: [{ month: '2017-02', hours: '10.00' }] }, markets)).not.toBe(digest);
    expect(figuresDigest(figures, [{ id: 'a', objective: '120.00' }])).not.toBe(digest);
  });
});

describe('periods', () => {
  it('counts the months of a period, both ends included', () => {
    expect(monthsSpanned('2017-01', '2017-12')).toBe(12);
    expect(monthsSpanned('2017-11', '2018-02')).toBe(4);
    expect(monthsSpanned('2017-03', '2017-02')).toBe(0);
  });

  it('knows the last day of a month', () => {
    expect(lastDayOf('2016-02')).toBe('2016-02-29');
    expect(lastDayOf('2017-12')).toBe('2017-12-31');
  });
});
