import { scopeOf } from './principal';
import { Role } from './roles';

const base = { userId: 'u1', email: 'x@y.fr', structureId: null, siret: null };

describe('scopeOf', () => {
  it('gives national staff and administrators every structure', () => {
    expect(scopeOf({ ...base, role: Role.National })).toEqual({ kind: 'all' });
    expect(scopeOf({ ...base, role: Role.Admin })).toEqual({ kind: 'all' });
  });

  it('confines a facilitator to its structure, a buyer and a company to their SIRET', () => {
    expect(scopeOf({ ...base, role: Role.Facilitator, structureId: 's1' })).toEqual({ kind: 'structure', structureId: 's1' });
    expect(scopeOf({ ...base, role: Role.Buyer, siret: '21690123100011' })).toEqual({ kind: 'buyer', siret: '21690123100011' });
    expect(scopeOf({ ...base, role: Role.Company, siret: '73282932000074' })).toEqual({ kind: 'company', siret: '73282932000074' });
  });

  it('never widens the scope of an account that lacks its attachment', () => {
    expect(() => scopeOf({ ...base, role: Role.Facilitator })).toThrow(/no attachment/);
  });
});
