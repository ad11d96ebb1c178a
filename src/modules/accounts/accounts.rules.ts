import { Role } from '../../platform/auth/roles';
import { FieldProblem } from '../../platform/http/domain-errors';

export const MIN_PASSWORD_LENGTH = 12;

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * What an account is attached to, by role: a facilitator to one structure, a buyer or a company to its
 * organisation's SIRET; administrators and national staff to nothing.
 */
export function attachmentProblems(role: Role, attachment: { structureRef?: string | null; siret?: string | null }): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const needsStructure = role === Role.Facilitator;
  const needsSiret = role === Role.Buyer || role === Role.Company;
  if (needsStructure && !attachment.structureRef) {
    problems.push({ champ: 'structureRef', message: 'est obligatoire pour un compte facilitateur' });
  }
  if (!needsStructure && attachment.structureRef) {
    problems.push({ champ: 'structureRef', message: `ne s’applique qu’aux comptes facilitateur, pas au rôle ${role}` });
  }
  if (needsSiret && !attachment.siret) {
    problems.push({ champ: 'siret', message: `est obligatoire pour le rôle ${role} (SIRET de l’organisation)` });
  }
  if (!needsSiret && attachment.siret) {
    problems.push({ champ: 'siret', message: `ne s’applique qu’aux comptes acheteur et entreprise, pas au rôle ${role}` });
  }
  return problems;
}

/** Past this length a password needs no mix of characters (CNIL, deliberation 2022-100). */
export const LONG_PASSWORD_LENGTH = 14;

/**
 * Passwords long enough for the length rules that lists of leaked passwords are full of, compared without case,
 * spaces or accents: refused whatever their length.
 */
const COMMON_PASSWORDS = new Set([
  '123456789012', '1234567890123', '12345678901234', '123456789123456', '111111111111', '11111111111111', '000000000000',
  'azertyuiop12', 'azertyuiop123', 'azertyuiop1234', 'azertyuiopqsd', 'azertyuiopqsdf', 'azerty123456', 'azerty1234567', 'azerty12345678',
  'qwertyuiop12', 'qwertyuiop123', 'qwertyuiopasdf', 'qwerty123456', 'qwerty1234567', 'password1234', 'password12345', 'password123456',
  'password123!', 'passw0rd1234', 'p@ssw0rd1234', 'p@ssword1234', 'motdepasse12', 'motdepasse123', 'motdepasse1234', 'motdepasse123!',
  'motdepassemotdepasse', 'bonjour123456', 'bonjour1234567', 'soleil123456', 'soleil1234567', 'bienvenue123', 'bienvenue1234',
  'bienvenue123!', 'welcome12345', 'welcome123456', 'welcome12345!', 'iloveyou1234', 'jetaime123456', 'changeme1234', 'changeme12345',
  'administrateur', 'administrator', 'admin1234567', 'admin12345678', 'abcdefghijkl', 'abcdefghijklmn', 'abcd12345678', 'abc123456789',
  'aaaaaaaaaaaa', 'aaaaaaaaaaaaaa', 'clausetracker', 'clausetracker1', 'clausetracker123', 'clausesociale', 'clausesociale1',
  'marseille13013', 'parisparis1234', 'football12345', 'doudou123456', 'loulou123456', 'chouchou1234', 'nicolas123456',
]);

const normalised = (password: string) => password.normalize('NFD').replace(/[\u0300-\u036f\s]/g, '').toLowerCase();

/**
 * CNIL's recommendation for a password alone: 12 characters at least mixing upper and lower case, digits and special
 * characters, or 14 characters at least; never one of the commonest.
 */
export function passwordProblems(password: string): FieldProblem[] {
  const problem = (message: string): FieldProblem[] => [{ champ: 'password', message }];
  if (password.length > 200) return problem('doit faire 200 caractères au plus');
  if (password.length < MIN_PASSWORD_LENGTH) {
    return problem(`doit faire ${MIN_PASSWORD_LENGTH} caractères au moins (${LONG_PASSWORD_LENGTH} s’il ne mêle pas majuscules, minuscules, chiffres et caractères spéciaux)`);
  }
  const mixed = /\p{Lu}/u.test(password) && /\p{Ll}/u.test(password) && /\p{Nd}/u.test(password) && /[^\p{L}\p{Nd}]/u.test(password);
  if (password.length < LONG_PASSWORD_LENGTH && !mixed) {
    return problem(`de moins de ${LONG_PASSWORD_LENGTH} caractères, doit mêler majuscules, minuscules, chiffres et caractères spéciaux`);
  }
  if (COMMON_PASSWORDS.has(normalised(password)) || new Set(normalised(password)).size <= 2) {
    return problem('est l’un des mots de passe les plus courants : choisissez-en un autre');
  }
  return [];
}
