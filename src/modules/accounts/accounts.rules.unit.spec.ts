import { Role } from '../../platform/auth/roles';
import { attachmentProblems, normaliseEmail, passwordProblems } from './accounts.rules';

describe('account rules', () => {
  it('attaches a facilitator to a structure and to nothing else', () => {
    expect(attachmentProblems(Role.Facilitator, { structureRef: 'PLIE-A' })).toEqual([]);
    expect(attachmentProblems(Role.Facilitator, {})).toEqual([{ champ: 'structureRef', message: expect.stringMatching(/obligatoire/) }]);
    expect(attachmentProblems(Role.Facilitator, { structureRef: 'PLIE-A', siret: '73282932000074' })).toEqual([
      { champ: 'siret', message: expect.stringMatching(/acheteur et entreprise/) },
    ]);
  });

  it.each([Role.Buyer, Role.Company])('attaches a %s account to a SIRET', (role) => {
    expect(attachmentProblems(role, { siret: '73282932000074' })).toEqual([]);
    expect(attachmentProblems(role, {})).toEqual([{ champ: 'siret', message: expect.stringMatching(/obligatoire/) }]);
    expect(attachmentProblems(role, { siret: '73282932000074', structureRef: 'X' })).toHaveLength(1);
  });

  it.each([Role.Admin, Role.National])('attaches %s to nothing', (role) => {
    expect(attachmentProblems(role, {})).toEqual([]);
    expect(attachmentProblems(role, { structureRef: 'X', siret: '73282932000074' })).toHaveLength(2);
  });

  it('asks for 12 characters at least', () => {
    expect(passwordProblems('a'.repeat(11))).toEqual([{ champ: 'password', message: 'doit faire 12 caractères au moins' }]);
    expect(passwordProblems('a'.repeat(12))).toEqual([]);
  });

  it('compares e-mails without case or surrounding spaces', () => {
    expect(normaliseEmail('  Marie.Durand@PLIE.fr ')).toBe('marie.durand@plie.fr');
  });
});
