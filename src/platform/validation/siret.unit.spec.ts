import { isValidSiret } from './siret';

describe('isValidSiret', () => {
  it.each(['73282932000074', '21690123100011', '35600000000015'])('accepts %s', (siret) => {
    expect(isValidSiret(siret)).toBe(true);
  });

  it.each([
    ['a wrong key', '73282932000075'],
    ['13 digits', '7328293200007'],
    ['letters', '7328293200007A'],
    ['spaces', '732 829 320 00074'],
    ['La Poste with a Luhn-only key', '35600000000014'],
  ])('refuses %s', (_case, siret) => {
    expect(isValidSiret(siret)).toBe(false);
  });
});
