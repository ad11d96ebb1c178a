import { QUALIFICATION_LEVELS } from '../participants/participants.rules';
import {
  EMPLOYER_SIZE_BANDS,
  EMPLOYER_TYPES,
  EXIT_CONTRACTS,
  EXIT_MEASURES,
  INSERTION_STRUCTURE_KINDS,
  TRAINING_CERTIFICATIONS,
  TRAINING_DOMAINS,
} from '../plie/plie.rules';
import { CATALOG } from '../plie-questionnaire/questionnaire.rules';
import { Labels, TABLE1_ROWS } from './consolidation.labels';

/**
 * The rows of the PLIE tables beyond Table 3, keyed as in the national report, with their French labels and, for
 * Tables 4, 5, 8 and 9, the stored values each row counts.
 */

/** Table 1BIS's share rows: Table 1's categories, without the total. */
export const TABLE1BIS_SHARE_ROWS = TABLE1_ROWS.filter((row) => row.group !== 'all');

/** The rates by category: those of the report, two of them (over 45, level IV and above) its own. */
export const RATE_ROWS: { group: string; category: string; label: string }[] = [
  ['gender', 'men', 'Hommes'],
  ['gender', 'women', 'Femmes'],
  ['age', 'under_26', 'Moins de 26 ans'],
  ['age', '26_and_over', '26 ans et plus'],
  ['age', 'over_45', '45 ans et plus'],
  ['public', 'disabled_workers', 'Travailleurs handicapés'],
  ['public', 'long_term_unemployed', 'Demandeurs d’emploi de longue durée'],
  ['public', 'rsa_recipients', 'Allocataires du RSA'],
  ['public', 'other_disadvantaged', 'Autres publics en difficulté'],
  ['level', 'VI', 'Niveau VI'],
  ['level', 'V_BIS', 'Niveau V bis'],
  ['level', 'V', 'Niveau V'],
  ['level', 'IV_and_above', 'Niveau IV et plus'],
  ['all', 'total', 'Ensemble'],
].map(([group, category, label]) => ({ group: group!, category: category!, label: label! }));

/** Tables 4 and 5's rows: the kinds of insertion structure, in the report's order, then the total. */
export const INSERTION_STRUCTURE_LABELS: Labels = {
  aci: 'Atelier et chantier d’insertion (ACI)', ei: 'Entreprise d’insertion (EI)', etti: 'Entreprise de travail temporaire d’insertion (ETTI)',
  ai: 'Association intermédiaire (AI)', regie_de_quartier: 'Régie de quartier', geiq: 'GEIQ', total: 'Total',
};

/** A stored insertion structure kind's row key (`REGIE_DE_QUARTIER` → `regie_de_quartier`). */
export const insertionStructureKey = (kind: string) => kind.toLowerCase();
export const INSERTION_STRUCTURE_KEYS = INSERTION_STRUCTURE_KINDS.map(insertionStructureKey);

/** A row of Table 8 or 9: its key, its label and the stored values it counts. */
export interface DetailCategory {
  key: string;
  label: string;
  values: string[];
}

export interface DetailDimension {
  dimension: string;
  title: string;
  categories: DetailCategory[];
}

const categories = (stored: readonly string[], keys: string[], labels: string[]): DetailCategory[] =>
  keys.map((key, index) => ({ key, label: labels[index]!, values: [stored[index]!] }));

const NAF_LABELS: [string, string, string[]][] = [
  ['naf_a', 'A : Agriculture, sylviculture et pêche', ['A']],
  ['naf_b_c', 'B, C : Industries', ['B', 'C']],
  ['naf_d', 'D : Production et distribution d’électricité, de gaz, de vapeur et d’air conditionné', ['D']],
  ['naf_e', 'E : Production et distribution d’eau, assainissement, gestion des déchets et dépollution', ['E']],
  ['naf_f', 'F : Construction', ['F']],
  ['naf_g', 'G : Commerce, réparation d’automobiles', ['G']],
  ['naf_h', 'H : Transports et entreposage', ['H']],
  ['naf_i', 'I : Hébergement et restauration', ['I']],
  ['naf_j', 'J : Information et communication', ['J']],
  ['naf_k', 'K : Activités financières et d’assurance', ['K']],
  ['naf_l', 'L : Activités immobilières', ['L']],
  ['naf_m', 'M : Activités spécialisées, scientifiques et techniques', ['M']],
  ['naf_n', 'N : Activités de services administratifs et de soutien', ['N']],
  ['naf_o', 'O : Administration publique', ['O']],
  ['naf_p', 'P : Enseignement', ['P']],
  ['naf_q', 'Q : Santé humaine et action sociale', ['Q']],
  ['naf_r', 'R : Arts, spectacles et activités récréatives', ['R']],
  ['naf_s', 'S : Autres activités de services', ['S']],
  ['naf_t', 'T : Activités des ménages en tant qu’employeurs', ['T']],
  ['naf_u', 'U : Activités extra-territoriales', ['U']],
];

/** Table 8: the employment exits by employer and job. */
export const TABLE8_DIMENSIONS: DetailDimension[] = [
  { dimension: 'employer_sector', title: 'Secteur d’activité de l’employeur (NAF)', categories: NAF_LABELS.map(([key, label, values]) => ({ key, label, values })) },
  {
    dimension: 'employer_type', title: 'Type d’employeur',
    categories: categories(EMPLOYER_TYPES, ['company', 'association', 'public_sector', 'private_individuals'], ['Entreprise', 'Association', 'Secteur public', 'Particuliers']),
  },
  {
    dimension: 'establishment_size', title: 'Taille de l’établissement (salariés)',
    categories: categories(EMPLOYER_SIZE_BANDS, ['0', '1_9', '10_49', '50_199', '200_999', '1000_plus'], ['0', '1 à 9', '10 à 49', '50 à 199', '200 à 999', '1 000 ou plus']),
  },
  {
    dimension: 'contract_type', title: 'Type de contrat',
    categories: categories(EXIT_CONTRACTS, ['cdi', 'cdd_6_months_plus', 'business_creation_self_employment', 'temporary_agency'], ['CDI', 'CDD de 6 mois et plus', 'Création d’entreprise, auto-emploi', 'Intérim']),
  },
  {
    dimension: 'measure', title: 'Mesure aidée',
    categories: categories(
      EXIT_MEASURES,
      ['cui_cie', 'cui_cae', 'professionalisation_contract', 'apprenticeship_contract', 'other', 'none'],
      ['CUI-CIE', 'CUI-CAE', 'Contrat de professionnalisation', 'Contrat d’apprentissage', 'Autre mesure', 'Sans mesure aidée'],
    ),
  },
];

const LEVEL_LABELS: Labels = { VI: 'VI', V_BIS: 'V bis', V: 'V', IV: 'IV', III: 'III', II: 'II', I: 'I', '9': '9', UNKNOWN: 'Non connu' };

/** Table 9: the exits to qualifying training by training. */
export const TABLE9_DIMENSIONS: DetailDimension[] = [
  {
    dimension: 'domain', title: 'Domaine de formation',
    categories: categories(
      TRAINING_DOMAINS,
      [
        'agriculture_horticulture_fishing_landscape', 'construction_public_works', 'services_to_businesses_and_communities', 'personal_services_health_social_childcare',
        'education_training_jobs', 'food_trades', 'arts_crafts_multimedia_audiovisual', 'commerce_distribution', 'tourism_hotels_catering', 'it_information_communication',
        'production_handling_industry', 'secretarial_accounting_management', 'textile_clothing_leather', 'electricity_electronics', 'transport_logistics',
        'mechanics_automation_materials', 'beauty_cosmetics', 'banking_finance_insurance', 'general_education',
      ],
      [
        'Agriculture, horticulture, pêche, paysage', 'Bâtiment, travaux publics', 'Services aux entreprises et aux collectivités (sécurité, environnement, nettoyage…)',
        'Services à la personne, santé, social, petite enfance', 'Métiers de l’éducation et de la formation', 'Métiers de bouche et de l’alimentation',
        'Arts, artisanat, multimédia, audiovisuel', 'Commerce, distribution', 'Tourisme, hôtellerie, restauration', 'Informatique, information, communication',
        'Production, manutention, industrie', 'Secrétariat, comptabilité, gestion', 'Textile, habillement, cuir', 'Électricité, électronique', 'Transport, logistique',
        'Mécanique, automatismes, transformation des matériaux', 'Esthétique et cosmétique', 'Banque, finance, assurance', 'Formation générale (sciences humaines, sciences, lettres…)',
      ],
    ),
  },
  { dimension: 'level', title: 'Niveau de la formation', categories: QUALIFICATION_LEVELS.map((level) => ({ key: level, label: LEVEL_LABELS[level] ?? level, values: [level] })) },
  {
    dimension: 'validation', title: 'Validation visée',
    categories: categories(
      TRAINING_CERTIFICATIONS,
      [
        'education_ministry_diploma', 'youth_sports_ministry_diploma', 'social_affairs_ministry_diploma', 'agriculture_ministry_diploma',
        'professional_qualification_certificate_cqp', 'professional_mastery_certificate_cmp', 'employment_ministry_title', 'other',
      ],
      [
        'Diplôme du ministère de l’Éducation nationale', 'Diplôme du ministère de la Jeunesse et des Sports', 'Diplôme du ministère des Affaires sociales',
        'Diplôme du ministère de l’Agriculture', 'Certificat de qualification professionnelle (CQP)', 'Certificat de maîtrise professionnelle (CMP)',
        'Titre du ministère chargé de l’Emploi', 'Autre validation',
      ],
    ),
  },
  {
    dimension: 'duration', title: 'Durée de la formation',
    categories: [
      ['under_3_months', 'Moins de 3 mois'], ['3_to_6_months', 'De 3 à 6 mois'], ['6_to_12_months', 'De 6 à 12 mois'], ['over_12_months', 'Plus de 12 mois'],
    ].map(([key, label]) => ({ key: key!, label: label!, values: [key!] })),
  },
];

/** Table 6BIS's rows: Table 6 over four years, both axes' sources together. */
export const TABLE6BIS_ROWS: { section: string; item: string; label: string; sumOf: string[] }[] = [
  ['mobilised', 'local_authorities', 'Collectivités locales', ['axis_3.local_authorities', 'axis_4.local_authorities']],
  ['mobilised', 'departmental_council', 'Conseil départemental', ['axis_3.departmental_council']],
  ['mobilised', 'regional_council', 'Conseil régional', ['axis_3.regional_council']],
  ['mobilised', 'state', 'État', ['axis_3.state']],
  ['mobilised', 'other_public_match_funding', 'Autres financements publics mobilisés en contrepartie du FSE', ['axis_3.other_public_match_funding']],
  ['mobilised', 'other_private_match_funding', 'Autres financements privés mobilisés en contrepartie du FSE', ['axis_3.other_private_match_funding']],
  ['mobilised', 'esf', 'FSE', ['axis_3.esf', 'axis_4.esf']],
  ['mobilised', 'subtotal_mobilised', 'Sous-total des fonds mobilisés', ['mobilised.subtotal_mobilised']],
  ['not_mobilised', 'private_funds_match_esf', 'Fonds privés en contrepartie du FSE', ['not_mobilised.private_funds_match_esf']],
  ['not_mobilised', 'other_not_mobilised', 'Autres fonds non mobilisés', ['not_mobilised.other_not_mobilised']],
  ['not_mobilised', 'subtotal_not_mobilised', 'Sous-total des fonds non mobilisés', ['not_mobilised.subtotal_not_mobilised']],
  ['totals', 'total_general', 'Total général', ['totals.total_general']],
  ['totals', 'of_which_esf', 'dont FSE', ['totals.of_which_esf']],
].map(([section, item, label, sumOf]) => ({ section: section as string, item: item as string, label: label as string, sumOf: sumOf as string[] }));

const quote = (text: string) => `'${text.replace(/'/g, "''")}'`;

/**
 * The Table 10 row a declared item adds to (`operations_contracted_training` → `operations_contracted`), as SQL over
 * the staged figures: the PLIE behind a computed row are those that declared any of its parts.
 */
export const QUESTIONNAIRE_PARENT_SQL = `CASE ${CATALOG.ORGANISATION.filter((row) => row.sumOf)
  .map((row) => `WHEN questionnaire_table = 'ORGANISATION' AND item IN (${row.sumOf!.map(quote).join(', ')}) THEN ${quote(row.key)}`)
  .join(' ')} END`;
