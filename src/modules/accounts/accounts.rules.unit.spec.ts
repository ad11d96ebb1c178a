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

  it('asks for 12 characters mixing upper and lower case, digits and special characters, or 14 characters', () => {
    expect(passwordProblems('Ab1!Ab1!Ab1')).toEqual([{ champ: 'password', message: expect.stringMatching(/^doit faire 12 caractères au moins \(14 s’il ne mêle pas/) }]);
    expect(passwordProblems('Vélo-Rouge-42')).toEqual([]);
    expect(passwordProblems('velo-rouge-42')).toEqual([{ champ: 'password', message: expect.stringMatching(/^de moins de 14 caractères, doit mêler/) }]);
    expect(passwordProblems('VeloRouge4242')).toHaveLength(1);
    expect(passwordProblems('le vélo rouge du facteur')).toEqual([]);
    expect(passwordProblems('x'.repeat(201))).toEqual([{ champ: 'password', message: 'doit faire 200 caractères au plus' }]);
  });

  it('refuses the commonest passwords whatever their length, case or accents, and a character repeated', () => {
    for (const common of ['Motdepasse123!', 'AZERTYUIOP1234', 'Administrateur', 'mot de passe mot de passe', 'P@ssw0rd1234']) {
      expect(passwordProblems(common)).toEqual([{ champ: 'password', message: 'est l’un des mots de passe les plus courants : choisissez-en un autre' }]);
    }
    expect(passwordProblems('ababababababab')).toHaveLength(1);
  });

  it('compares e-mails without case or surrounding spaces', () => {
    expect(normaliseEmail('  Marie.Durand@PLIE.fr ')).toBe('marie.durand@plie.fr');
  });
});
