export const STRUCTURE_KINDS = ['PLIE', 'MDE', 'EPCI', 'MUNICIPALITY', 'DEPARTMENT', 'OTHER'] as const;
export type StructureKind = (typeof STRUCTURE_KINDS)[number];

export const STRUCTURE_KIND_LABELS: Record<StructureKind, string> = {
  PLIE: 'Plan local pour l’insertion et l’emploi (PLIE)',
  MDE: 'Maison de l’Emploi',
  EPCI: 'Intercommunalité (EPCI)',
  MUNICIPALITY: 'Commune',
  DEPARTMENT: 'Département',
  OTHER: 'Autre structure',
};

/** A structure reference as used in import files and on the command line: short, stable, no spaces. */
export const STRUCTURE_REF_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,49}$/;

export function normaliseRef(ref: string): string {
  return ref.trim().toUpperCase();
}
