import { ValueLabels } from '../../platform/web/record-form';
import { BREAKDOWN_LABELS } from '../consolidation/consolidation.labels';

/** French names of the coded values a facilitator chooses in the forms, by import column. */
export const VALUE_LABELS: ValueLabels = {
  kind: {
    ...BREAKDOWN_LABELS.buyerKind,
    ...BREAKDOWN_LABELS.contractKind,
    ORDINARY: 'Entreprise classique', EI: 'Entreprise d’insertion (EI)', ACI: 'Atelier et chantier d’insertion (ACI)', AI: 'Association intermédiaire (AI)',
    ETTI: 'Entreprise de travail temporaire d’insertion (ETTI)', GEIQ: 'GEIQ', EA: 'Entreprise adaptée (EA)', ESAT: 'ESAT', ETT: 'Entreprise de travail temporaire',
    MOBILISATION: 'Mobilisation, remobilisation', PATHWAY_JOB_IAE: 'Emploi de parcours en IAE', PATHWAY_JOB_SUBSIDISED: 'Emploi de parcours aidé',
    PATHWAY_JOB_UNSUBSIDISED: 'Emploi de parcours non aidé', EXIT_JOB: 'Emploi de sortie', TRAINING_QUALIFYING: 'Formation qualifiante',
    TRAINING_NON_QUALIFYING: 'Formation non qualifiante', EMPLOYMENT_MEDIATION: 'Médiation vers l’emploi', BUSINESS_CREATION: 'Création d’entreprise',
  },
  sector: BREAKDOWN_LABELS.sector,
  legal_basis: BREAKDOWN_LABELS.legalBasis,
  gender: { F: 'Femme', M: 'Homme' },
  qualification_level: BREAKDOWN_LABELS.qualificationLevel,
  publics: BREAKDOWN_LABELS.public,
  prescriber: BREAKDOWN_LABELS.prescriber,
  mode: BREAKDOWN_LABELS.fulfilmentMode,
  role: { HOLDER: 'Titulaire', CO_CONTRACTOR: 'Cotraitant', SUBCONTRACTOR: 'Sous-traitant' },
  exit_kind: {
    EMPLOYMENT: 'Emploi', TRAINING: 'Formation', OTHER_POSITIVE: 'Autre sortie positive', DROPOUT: 'Abandon',
    MOVED_DIED_RETIRED: 'Déménagement, décès, retraite', OTHER: 'Autre sortie',
  },
  inactivity: {
    UNDER_1_YEAR: 'Moins d’un an', '1_TO_2_YEARS': '1 à 2 ans', '2_TO_3_YEARS': '2 à 3 ans', '3_TO_5_YEARS': '3 à 5 ans', OVER_5_YEARS: 'Plus de 5 ans',
    NEVER_WORKED: 'N’a jamais travaillé',
  },
  size_band: { '0': '0 salarié', '1-9': '1 à 9 salariés', '10-49': '10 à 49 salariés', '50-199': '50 à 199 salariés', '200-999': '200 à 999 salariés', '1000+': '1 000 salariés et plus' },
};

/** A coded value in French (its code when it has no name). */
export function valueLabel(column: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (Array.isArray(value)) return value.map((item) => valueLabel(column, item)).join(', ');
  if (typeof value === 'boolean') return value ? 'Oui' : 'Non';
  return VALUE_LABELS[column]?.[String(value)] ?? String(value);
}
