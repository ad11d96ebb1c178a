import { BUYER_KINDS } from '../buyers/buyers.rules';
import { LEGAL_BASES, SECTORS } from '../markets/markets.rules';
import { PRESCRIBERS, PUBLICS, QUALIFICATION_LEVELS } from '../participants/participants.rules';
import { STEP_KINDS } from '../plie/plie.rules';
import { CONTRACT_KINDS, FULFILMENT_MODES } from '../work-contracts/work-contracts.rules';

/** The categories of each breakdown, in the order a reader expects them, with their French labels. */
export type Labels = Record<string, string>;

const MONTHS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];

function labelled(values: readonly string[], labels: Labels): Labels {
  return Object.fromEntries(values.map((value) => [value, labels[value] ?? value]));
}

export const AGE_BANDS: Labels = { UNDER_26: 'Moins de 26 ans', '26_TO_49': '26 à 49 ans', '50_AND_OVER': '50 ans et plus' };

export const BREAKDOWN_LABELS = {
  public: labelled(PUBLICS, {
    LONG_TERM_UNEMPLOYED: 'Demandeurs d’emploi de longue durée (DELD)',
    RSA: 'Allocataires du RSA et des minima sociaux',
    YOUTH_LOW_QUALIFIED: 'Jeunes de moins de 26 ans peu qualifiés',
    DISABLED: 'Travailleurs handicapés (RQTH)',
    SENIOR_50: 'Demandeurs d’emploi de 50 ans et plus',
    IAE_APPROVED: 'Personnes agréées IAE (PASS IAE)',
    QPV_RESIDENT: 'Habitants des quartiers prioritaires (QPV)',
    OTHER: 'Autres personnes éloignées de l’emploi',
  }),
  gender: { F: 'Femmes', M: 'Hommes' } as Labels,
  ageBand: AGE_BANDS,
  qualificationLevel: labelled(QUALIFICATION_LEVELS, {
    VI: 'Niveau VI', V_BIS: 'Niveau V bis', V: 'Niveau V', IV: 'Niveau IV', III: 'Niveau III', II: 'Niveau II', I: 'Niveau I',
    '9': 'Niveau 9 (source)', UNKNOWN: 'Niveau non renseigné',
  }),
  qpvResident: { YES: 'Habitants d’un QPV', NO: 'Hors QPV' } as Labels,
  prescriber: {
    ...labelled(PRESCRIBERS, {
      FRANCE_TRAVAIL: 'France Travail', MISSION_LOCALE: 'Mission locale', CAP_EMPLOI: 'Cap emploi', PLIE: 'PLIE', DEPARTMENT: 'Département',
      SIAE: 'SIAE', OTHER: 'Autre prescripteur',
    }),
    NOT_STATED: 'Prescripteur non renseigné',
  } as Labels,
  buyerKind: labelled(BUYER_KINDS, {
    STATE: 'État', REGION: 'Région', DEPARTMENT: 'Département', MUNICIPALITY: 'Commune', INTERMUNICIPAL: 'Intercommunalité (EPCI)',
    SOCIAL_LANDLORD: 'Bailleur social', SEM: 'Société d’économie mixte', HOSPITAL: 'Établissement hospitalier', PUBLIC_BODY: 'Autre établissement public',
    PRIVATE: 'Acheteur privé',
  }),
  sector: labelled(SECTORS, {
    BUILDING: 'Bâtiment', PUBLIC_WORKS: 'Travaux publics', CLEANING: 'Propreté', GREEN_SPACES: 'Espaces verts', CATERING: 'Restauration',
    WASTE: 'Déchets', SECURITY: 'Sécurité', TRANSPORT: 'Transport', OTHER_SERVICES: 'Autres services', SUPPLIES: 'Fournitures',
    INTELLECTUAL: 'Prestations intellectuelles',
  }),
  legalBasis: labelled(LEGAL_BASES, {
    EXECUTION_CONDITION: 'Condition d’exécution (L2112-2)', AWARD_CRITERION: 'Critère d’attribution (L2152-7)',
    INSERTION_SERVICE: 'Marché d’insertion et de qualification (R2123-1)', RESERVED_SIAE: 'Marché réservé aux SIAE (L2113-13)',
    RESERVED_DISABILITY: 'Marché réservé aux EA et ESAT (L2113-12)', RESERVED_ESS: 'Marché réservé aux entreprises de l’ESS (L2113-15)',
  }),
  fulfilmentMode: labelled(FULFILMENT_MODES, {
    DIRECT_HIRE: 'Embauche directe', MADE_AVAILABLE: 'Mise à disposition', SUBCONTRACTING: 'Sous-traitance ou cotraitance avec une SIAE / EA', TRAINING: 'Formation',
  }),
  contractKind: labelled(CONTRACT_KINDS, {
    CDI: 'CDI', CDD: 'CDD', CDDI: 'CDDI', TEMPORARY: 'Intérim', PROFESSIONALISATION: 'Contrat de professionnalisation', APPRENTICESHIP: 'Apprentissage',
    MADE_AVAILABLE: 'Mise à disposition (AI, GEIQ)',
  }),
};

export type BreakdownName = keyof typeof BREAKDOWN_LABELS | 'month';

/** The breakdowns in the order of the contract (`CONSOLIDATION-FORMAT.md`), prescriber (required by the domain) last. */
export const BREAKDOWN_NAMES: BreakdownName[] = [
  'public', 'gender', 'ageBand', 'qualificationLevel', 'qpvResident', 'buyerKind', 'sector', 'legalBasis', 'fulfilmentMode', 'contractKind', 'month', 'prescriber',
];

export const BREAKDOWN_TITLES: Record<BreakdownName, string> = {
  public: 'Par public (une personne relevant de plusieurs publics compte dans chacun)',
  gender: 'Par sexe',
  ageBand: 'Par âge au début du contrat',
  qualificationLevel: 'Par niveau de qualification',
  qpvResident: 'Par résidence en quartier prioritaire',
  buyerKind: 'Par type d’acheteur',
  sector: 'Par secteur d’activité',
  legalBasis: 'Par fondement juridique de la clause',
  fulfilmentMode: 'Par modalité de réalisation',
  contractKind: 'Par type de contrat',
  month: 'Par mois',
  prescriber: 'Par prescripteur',
};

export function monthLabels(year: number): Labels {
  return Object.fromEntries(MONTHS.map((name, index) => [`${year}-${String(index + 1).padStart(2, '0')}`, `${name} ${year}`]));
}

export const HEADLINE_LABELS = {
  insertionHours: 'Heures d’insertion réalisées',
  workContracts: 'Contrats de travail',
  participants: 'Participants',
  buyers: 'Maîtres d’ouvrage',
  operations: 'Opérations',
  markets: 'Marchés',
  companies: 'Entreprises',
};

export type HeadlineName = keyof typeof HEADLINE_LABELS;

/** The measures of a headline figure and of a breakdown's row, as a reader names them. */
const MEASURES: Labels = {
  previous: 'année précédente',
  changePct: 'évolution (%)',
  participants: 'participants',
  workContracts: 'contrats de travail',
  insertionHours: 'heures d’insertion',
  participantsSharePct: 'part des participants (%)',
  insertionHoursSharePct: 'part des heures d’insertion (%)',
};

/**
 * A figure of a report named in French from its path in the report (`clause.breakdowns.gender.F.insertionHours` →
 * « Par sexe — Femmes : heures d’insertion »); the PLIE tables' figures keep their path, which names table, row
 * and column.
 */
export function figureLabel(path: string): string {
  const [part, kind, name, key, measure] = path.split('.');
  if (path === 'reportingStructures') return 'Structures ayant transmis des données';
  if (part === 'clause' && kind === 'headline' && name) {
    const label = HEADLINE_LABELS[name as HeadlineName] ?? name;
    return key === 'value' ? label : `${label} : ${MEASURES[key ?? ''] ?? key}`;
  }
  if (part === 'clause' && kind === 'breakdowns' && name && key && measure) {
    const categories: Labels = name === 'month' ? monthLabels(Number(key.slice(0, 4))) : (BREAKDOWN_LABELS[name as keyof typeof BREAKDOWN_LABELS] ?? {});
    return `${BREAKDOWN_TITLES[name as BreakdownName] ?? name} — ${categories[key] ?? key} : ${MEASURES[measure] ?? measure}`;
  }
  return path;
}

/** Table 1's rows: exactly the (group, category) pairs of `reference/plie-2017-table1-flows.csv`, in its order. */
export const TABLE1_ROWS: { group: string; category: string; label: string }[] = [
  ['all', 'total', 'Ensemble'],
  ['gender', 'men', 'Hommes'],
  ['gender', 'women', 'Femmes'],
  ['age', 'under_26', 'Moins de 26 ans'],
  ['age', '26_and_over', '26 ans et plus'],
  ['age_band', '15_24', '15 à 24 ans'],
  ['age_band', '25_44', '25 à 44 ans'],
  ['age_band', '45_54', '45 à 54 ans'],
  ['age_band', '55_64', '55 à 64 ans'],
  ['age_band', '65_plus', '65 ans et plus'],
  ['public', 'disabled_workers', 'Travailleurs handicapés'],
  ['public', 'registered_job_seekers', 'Demandeurs d’emploi inscrits'],
  ['public', 'long_term_unemployed', 'Demandeurs d’emploi de longue durée'],
  ['public', 'long_term_unemployed_registered', 'dont inscrits'],
  ['public', 'rsa_recipients', 'Allocataires du RSA'],
  ['public', 'rsa_recipients_registered', 'dont inscrits'],
  ['public', 'other_disadvantaged', 'Autres publics en difficulté'],
  ['level', 'VI', 'Niveau VI'],
  ['level', 'V_BIS', 'Niveau V bis'],
  ['level', 'V', 'Niveau V'],
  ['level', 'IV', 'Niveau IV'],
  ['level', 'III', 'Niveau III'],
  ['level', 'II', 'Niveau II'],
  ['level', 'I', 'Niveau I'],
  ['level', '9', 'Niveau 9'],
  ['level', 'UNKNOWN', 'Niveau non renseigné'],
  ['inactivity', 'under_1_year', 'Inactif depuis moins d’un an'],
  ['inactivity', '1_to_2_years', 'Inactif depuis 1 à 2 ans'],
  ['inactivity', '2_to_3_years', 'Inactif depuis 2 à 3 ans'],
  ['inactivity', '3_to_5_years', 'Inactif depuis 3 à 5 ans'],
  ['inactivity', 'over_5_years', 'Inactif depuis plus de 5 ans'],
  ['inactivity', 'never_worked', 'N’a jamais travaillé'],
].map(([group, category, label]) => ({ group, category, label }));

/** A Table 1 row's French label. */
export function table1Label(group: string, category: string): string {
  return TABLE1_ROWS.find((row) => row.group === group && row.category === category)?.label ?? category;
}

export const TABLE1_GROUP_LABELS: Labels = {
  all: 'Ensemble', gender: 'Sexe', age: 'Âge à l’entrée', age_band: 'Tranche d’âge à l’entrée', public: 'Public', level: 'Niveau de qualification', inactivity: 'Durée d’inactivité',
};

export const STEP_LABELS: Labels = {
  ALL: 'Toutes les étapes',
  ...labelled(STEP_KINDS, {
    MOBILISATION: 'Mobilisation', PATHWAY_JOB_IAE: 'Emploi de parcours en SIAE', PATHWAY_JOB_SUBSIDISED: 'Emploi de parcours aidé',
    PATHWAY_JOB_UNSUBSIDISED: 'Emploi de parcours non aidé', EXIT_JOB: 'Emploi de sortie', TRAINING_QUALIFYING: 'Formation qualifiante',
    TRAINING_NON_QUALIFYING: 'Formation non qualifiante', EMPLOYMENT_MEDIATION: 'Médiation vers l’emploi', BUSINESS_CREATION: 'Création d’entreprise',
  }),
};

export const TABLE3_EXIT_KINDS: Labels = {
  all_exits: 'Toutes les sorties', positive_exits: 'Sorties positives', exits_without_follow_up: 'Sorties sans suite',
};

/** Table 3's categories: those of `reference/plie-2017-table3-pathway-duration.csv`, plus men and women. */
export const TABLE3_CATEGORIES: Labels = {
  total: 'Ensemble', men: 'Hommes', women: 'Femmes', long_term_unemployed: 'Demandeurs d’emploi de longue durée', rsa_recipients: 'Allocataires du RSA',
  other: 'Autres publics', under_26: 'Moins de 26 ans', '26_and_over': '26 ans et plus',
};
