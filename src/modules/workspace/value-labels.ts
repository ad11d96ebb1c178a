import { ValueLabels } from '../../platform/web/record-form';
import { BREAKDOWN_LABELS } from '../consolidation/consolidation.labels';

const SIZE_BANDS = { '0': '0 salarié', '1-9': '1 à 9 salariés', '10-49': '10 à 49 salariés', '50-199': '50 à 199 salariés', '200-999': '200 à 999 salariés', '1000+': '1 000 salariés et plus' };

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
  employer_type: { COMPANY: 'Entreprise', ASSOCIATION: 'Association', PUBLIC_SECTOR: 'Secteur public', PRIVATE_INDIVIDUAL: 'Particulier employeur' },
  exit_contract: { CDI: 'CDI', CDD_6_MONTHS_PLUS: 'CDD de 6 mois ou plus', BUSINESS_CREATION: 'Création d’entreprise', TEMPORARY_WORK: 'Intérim' },
  exit_measure: { CUI_CIE: 'CUI-CIE', CUI_CAE: 'CUI-CAE', PROFESSIONALISATION: 'Contrat de professionnalisation', APPRENTICESHIP: 'Apprentissage', OTHER: 'Autre mesure', NONE: 'Sans mesure' },
  training_level: BREAKDOWN_LABELS.qualificationLevel,
  training_domain: {
    AGRICULTURE: 'Agriculture', CONSTRUCTION: 'Bâtiment, travaux publics', BUSINESS_SERVICES: 'Services aux entreprises', PERSONAL_SERVICES_HEALTH_SOCIAL: 'Services à la personne, santé, social',
    EDUCATION: 'Enseignement, formation', FOOD_TRADES: 'Métiers de bouche', ARTS_CRAFTS_MEDIA: 'Arts, artisanat, médias', COMMERCE: 'Commerce', TOURISM_HOSPITALITY: 'Tourisme, hôtellerie, restauration',
    IT_COMMUNICATION: 'Informatique, communication', PRODUCTION_HANDLING: 'Production, manutention', OFFICE_ACCOUNTING: 'Secrétariat, comptabilité', TEXTILE: 'Textile',
    ELECTRICITY_ELECTRONICS: 'Électricité, électronique', TRANSPORT_LOGISTICS: 'Transport, logistique', MECHANICS_MATERIALS: 'Mécanique, matériaux', BEAUTY: 'Esthétique, coiffure',
    BANKING_INSURANCE: 'Banque, assurance', GENERAL_EDUCATION: 'Formation générale',
  },
  training_certification: {
    EDUCATION_DIPLOMA: 'Diplôme de l’Éducation nationale', YOUTH_SPORTS_DIPLOMA: 'Diplôme Jeunesse et Sports', SOCIAL_AFFAIRS_DIPLOMA: 'Diplôme des Affaires sociales',
    AGRICULTURE_DIPLOMA: 'Diplôme de l’Agriculture', CQP: 'CQP', CMP: 'CMP', EMPLOYMENT_MINISTRY_TITLE: 'Titre du ministère du Travail', OTHER: 'Autre certification',
  },
  structure_kind: { ACI: 'Atelier et chantier d’insertion (ACI)', EI: 'Entreprise d’insertion (EI)', ETTI: 'ETTI', AI: 'Association intermédiaire (AI)', REGIE_DE_QUARTIER: 'Régie de quartier', GEIQ: 'GEIQ' },
  employer_size_band: SIZE_BANDS,
  size_band: SIZE_BANDS,
};

/** A coded value in French (its code when it has no name). */
export function valueLabel(column: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (Array.isArray(value)) return value.map((item) => valueLabel(column, item)).join(', ');
  if (typeof value === 'boolean') return value ? 'Oui' : 'Non';
  return VALUE_LABELS[column]?.[String(value)] ?? String(value);
}
