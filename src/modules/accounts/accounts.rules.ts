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

export function passwordProblems(password: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (password.length < MIN_PASSWORD_LENGTH) {
    problems.push({ champ: 'password', message: `doit faire ${MIN_PASSWORD_LENGTH} caractères au moins` });
  }
  if (password.length > 200) problems.push({ champ: 'password', message: 'doit faire 200 caractères au plus' });
  return problems;
}
