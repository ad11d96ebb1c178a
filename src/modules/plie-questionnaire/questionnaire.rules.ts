/**
 * The yearly questionnaire of a PLIE: what it declares once a year and no pathway record holds. Three tables of the
 * national report — financing (Table 6), allocations to other structures (Table 7), organisation (Table 10) — each a
 * list of rows keyed as in the report. A row is either declared (one figure per measure) or computed from others
 * (subtotals, totals, the sums of "of which" lists): computed rows are never typed in.
 */

export const QUESTIONNAIRE_TABLES = ['FINANCING', 'ALLOCATIONS', 'ORGANISATION'] as const;
export type QuestionnaireTable = (typeof QUESTIONNAIRE_TABLES)[number];

/** Every measure a figure may have; each row takes some of them. */
export const MEASURES = ['direct', 'indirect', 'total', 'esf', 'value', 'amount_eur'] as const;
export type Measure = (typeof MEASURES)[number];

export interface CatalogRow {
  /** The key of the import and the report: `axis_3.state` for Table 6 (section and item), `aci`, `team_staff`. */
  key: string;
  /** The report's grouping: Table 6's section, Table 7's group, Table 10's parent item. */
  group: string | null;
  label: string;
  /** The measures declared for the row, or computed for a computed row. */
  measures: Measure[];
  /** The rows whose figures, summed measure by measure, make this one; absent for a declared row. */
  sumOf?: string[];
  /** Table 10: what the value counts (persons, euros, hours…). */
  unit?: string;
}

const LOCAL_AUTHORITIES = 'Collectivités locales (communes, communautés de communes, agglomérations, communautés urbaines…)';
const MOBILISED: Measure[] = ['direct', 'indirect', 'total'];

/** Table 6: mobilised funds by axis of the national ESF programme, direct or indirect; funds not mobilised. */
const FINANCING: CatalogRow[] = [
  { key: 'axis_3.subtotal_axis_3', group: 'axis_3', label: 'Axe 3 du PON FSE 2014-2020', measures: MOBILISED, sumOf: ['axis_3.local_authorities', 'axis_3.departmental_council', 'axis_3.regional_council', 'axis_3.state', 'axis_3.other_public_match_funding', 'axis_3.other_private_match_funding', 'axis_3.esf'] },
  { key: 'axis_3.local_authorities', group: 'axis_3', label: LOCAL_AUTHORITIES, measures: MOBILISED },
  { key: 'axis_3.departmental_council', group: 'axis_3', label: 'Conseil départemental', measures: MOBILISED },
  { key: 'axis_3.regional_council', group: 'axis_3', label: 'Conseil régional', measures: MOBILISED },
  { key: 'axis_3.state', group: 'axis_3', label: 'État', measures: MOBILISED },
  { key: 'axis_3.other_public_match_funding', group: 'axis_3', label: 'Autres financements publics mobilisés en contrepartie du FSE', measures: MOBILISED },
  { key: 'axis_3.other_private_match_funding', group: 'axis_3', label: 'Autres financements privés mobilisés en contrepartie du FSE', measures: MOBILISED },
  { key: 'axis_3.esf', group: 'axis_3', label: 'FSE', measures: MOBILISED },
  { key: 'axis_4.subtotal_axis_4', group: 'axis_4', label: 'Axe 4 du PON FSE 2014-2020 (assistance technique)', measures: MOBILISED, sumOf: ['axis_4.local_authorities', 'axis_4.esf'] },
  { key: 'axis_4.local_authorities', group: 'axis_4', label: LOCAL_AUTHORITIES, measures: MOBILISED },
  { key: 'axis_4.esf', group: 'axis_4', label: 'FSE', measures: MOBILISED },
  { key: 'mobilised.subtotal_mobilised', group: 'mobilised', label: 'Sous-total des fonds mobilisés', measures: MOBILISED, sumOf: ['axis_3.subtotal_axis_3', 'axis_4.subtotal_axis_4'] },
  { key: 'not_mobilised.private_funds_match_esf', group: 'not_mobilised', label: 'Fonds privés en contrepartie du FSE', measures: ['total'] },
  { key: 'not_mobilised.other_not_mobilised', group: 'not_mobilised', label: 'Autres fonds non mobilisés', measures: ['total'] },
  { key: 'not_mobilised.subtotal_not_mobilised', group: 'not_mobilised', label: 'Sous-total des fonds non mobilisés', measures: ['total'], sumOf: ['not_mobilised.private_funds_match_esf', 'not_mobilised.other_not_mobilised'] },
  { key: 'totals.total_general', group: 'totals', label: 'Total général', measures: ['total'], sumOf: ['mobilised.subtotal_mobilised', 'not_mobilised.subtotal_not_mobilised'] },
  { key: 'totals.of_which_esf', group: 'totals', label: 'dont FSE', measures: ['total'], sumOf: ['axis_3.esf', 'axis_4.esf'] },
];

const SIAE = ['aci', 'ei', 'etti', 'ai', 'regie_de_quartier', 'geiq'];
const OTHER_RECIPIENTS = [
  'pole_emploi', 'mission_locale', 'training_organisation', 'maison_de_l_emploi', 'cbe', 'business_club_or_foundation', 'internal_operation',
  'integration_employment_association_non_iae', 'ccas_cias', 'local_authority', 'other_association_or_partner',
];
const ALLOCATION_LABELS: Record<string, string> = {
  aci: 'ACI', ei: 'EI', etti: 'ETTI', ai: 'AI', regie_de_quartier: 'Régie de quartier', geiq: 'GEIQ', total_siae: 'Total SIAE',
  pole_emploi: 'France Travail (Pôle emploi)', mission_locale: 'Mission locale', training_organisation: 'Organisme de formation', maison_de_l_emploi: 'Maison de l’Emploi',
  cbe: 'Comité de bassin d’emploi (CBE)', business_club_or_foundation: 'Club ou fondation d’entreprises', internal_operation: 'Opération interne',
  integration_employment_association_non_iae: 'Association d’insertion ou d’emploi hors IAE', ccas_cias: 'CCAS et CIAS', local_authority: 'Collectivité locale',
  other_association_or_partner: 'Autre association ou partenaire', total: 'Total',
};

/** Table 7: funds the PLIE allocated to other structures, with the ESF part. */
const ALLOCATIONS: CatalogRow[] = [
  ...SIAE.map((key): CatalogRow => ({ key, group: 'siae', label: ALLOCATION_LABELS[key]!, measures: ['total', 'esf'] })),
  { key: 'total_siae', group: 'siae', label: ALLOCATION_LABELS.total_siae!, measures: ['total', 'esf'], sumOf: SIAE },
  ...OTHER_RECIPIENTS.map((key): CatalogRow => ({ key, group: 'other', label: ALLOCATION_LABELS[key]!, measures: ['total', 'esf'] })),
  { key: 'total', group: 'all', label: ALLOCATION_LABELS.total!, measures: ['total', 'esf'], sumOf: [...SIAE, ...OTHER_RECIPIENTS] },
];

const OPERATIONS = ['social_utility_activities', 'ei_ai_rq_etti', 'training', 'business_creation', 'employment_mediation', 'employment_before_6_month_exit', 'reinforced_support', 'engineering'];
const OPERATION_LABELS: Record<string, string> = {
  social_utility_activities: 'Activités d’utilité sociale (contrats aidés, ateliers et chantiers d’insertion…)', ei_ai_rq_etti: 'EI, AI, régies de quartier, ETTI',
  training: 'Formations', business_creation: 'Création d’entreprises', employment_mediation: 'Médiation vers l’emploi',
  employment_before_6_month_exit: 'Emploi (avant sortie à 6 mois et plus)', reinforced_support: 'Accompagnement renforcé', engineering: 'Ingénierie',
};
const REFERENT_EMPLOYERS = ['plie_association', 'plie_commune', 'plie_epci', 'plie_gip', 'ai', 'ei', 'aci', 'pole_emploi', 'mission_locale', 'maison_de_l_emploi', 'ccas', 'commune', 'other_structure'];
const REFERENT_LABELS: Record<string, string> = {
  plie_association: 'PLIE (association)', plie_commune: 'PLIE (commune)', plie_epci: 'PLIE (EPCI)', plie_gip: 'PLIE (GIP)', ai: 'AI', ei: 'EI', aci: 'ACI',
  pole_emploi: 'France Travail (Pôle emploi)', mission_locale: 'Mission locale', maison_de_l_emploi: 'Maison de l’Emploi', ccas: 'CCAS', commune: 'Commune', other_structure: 'Autre structure',
};

/** Table 10: the PLIE's organisation. */
const ORGANISATION: CatalogRow[] = [
  { key: 'team_staff', group: null, label: 'Salariés de l’équipe d’animation et de gestion du PLIE', measures: ['value'], unit: 'personnes' },
  { key: 'team_staff_fte', group: 'team_staff', label: 'dont en équivalents temps plein', measures: ['value'], unit: 'ETP' },
  { key: 'payroll', group: null, label: 'Masse salariale', measures: ['value'], unit: '€' },
  { key: 'total_cost', group: null, label: 'Coût total (masse salariale et frais de fonctionnement)', measures: ['value'], unit: '€' },
  { key: 'technical_assistance_budget', group: 'total_cost', label: 'dont budget consacré à l’assistance technique', measures: ['value'], unit: '€' },
  { key: 'engineering_time_and_budget', group: null, label: 'Ingénierie de projets dans l’année : temps passé (heures) et budget', measures: ['value', 'amount_eur'], unit: 'heures' },
  { key: 'partner_beneficiaries_contracted_with_funding', group: null, label: 'Bénéficiaires partenaires (autres qu’entreprises) conventionnés avec financement', measures: ['value'], unit: 'bénéficiaires' },
  { key: 'partner_beneficiaries_unspecified', group: null, label: 'Bénéficiaires partenaires (autres qu’entreprises), sans précision', measures: ['value'], unit: 'bénéficiaires' },
  { key: 'partner_beneficiaries_not_contracted', group: null, label: 'Bénéficiaires partenaires (autres qu’entreprises) non conventionnés', measures: ['value'], unit: 'bénéficiaires' },
  { key: 'operations_contracted', group: null, label: 'Opérations conventionnées dans l’année', measures: ['value', 'amount_eur'], unit: 'opérations', sumOf: OPERATIONS.map((key) => `operations_contracted_${key}`) },
  ...OPERATIONS.map((key): CatalogRow => ({ key: `operations_contracted_${key}`, group: 'operations_contracted', label: OPERATION_LABELS[key]!, measures: ['value', 'amount_eur'], unit: 'opérations' })),
  { key: 'regular_partner_companies', group: null, label: 'Entreprises partenaires régulières du PLIE', measures: ['value'], unit: 'entreprises' },
  { key: 'meetings_organised', group: null, label: 'Réunions collectives organisées par le PLIE dans l’année', measures: ['value'], unit: 'réunions', sumOf: ['meetings_organised_institutional', 'meetings_organised_operational'] },
  { key: 'meetings_organised_institutional', group: 'meetings_organised', label: '« institutionnelles » (comité de pilotage, conseil d’administration…)', measures: ['value'], unit: 'réunions' },
  { key: 'meetings_organised_operational', group: 'meetings_organised', label: '« opérationnelles » (comités d’agrément et de suivi, réunions de bénéficiaires…)', measures: ['value'], unit: 'réunions' },
  { key: 'external_institutional_meetings_attended', group: null, label: 'Réunions « institutionnelles » extérieures (SPE, CDIAE, CLI…) auxquelles l’équipe participe', measures: ['value'], unit: 'réunions' },
  { key: 'pathway_referents', group: null, label: 'Référents de parcours', measures: ['value'], unit: 'personnes', sumOf: REFERENT_EMPLOYERS.map((key) => `pathway_referents_${key}`) },
  ...REFERENT_EMPLOYERS.map((key): CatalogRow => ({ key: `pathway_referents_${key}`, group: 'pathway_referents', label: `employés par : ${REFERENT_LABELS[key]}`, measures: ['value'], unit: 'personnes' })),
];

export const CATALOG: Record<QuestionnaireTable, CatalogRow[]> = { FINANCING, ALLOCATIONS, ORGANISATION };

export const TABLE_TITLES: Record<QuestionnaireTable, string> = {
  FINANCING: 'Tableau 6 — Financements mobilisés et non mobilisés',
  ALLOCATIONS: 'Tableau 7 — Fonds attribués à d’autres structures',
  ORGANISATION: 'Tableau 10 — Organisation du PLIE',
};

export const MEASURE_LABELS: Record<Measure, string> = {
  direct: 'Direct (€)', indirect: 'Indirect (€)', total: 'Total (€)', esf: 'dont FSE (€)', value: 'Valeur', amount_eur: 'Montant (€)',
};

/** Table 6's sections and Table 7's groups, in French. */
export const GROUP_LABELS: Record<string, string> = {
  axis_3: 'Axe 3 du PON FSE', axis_4: 'Axe 4 du PON FSE (assistance technique)', mobilised: 'Fonds mobilisés', not_mobilised: 'Fonds non mobilisés', totals: 'Totaux',
  siae: 'Structures d’insertion par l’activité économique', other: 'Autres structures', all: 'Ensemble',
};

export function catalogRow(table: QuestionnaireTable, key: string): CatalogRow | undefined {
  return CATALOG[table].find((row) => row.key === key);
}

/**
 * The measures a row's figure is declared in: Table 6's mobilised rows in `direct` and `indirect` (their total is
 * computed), every other declared row in its own measures.
 */
export function declaredMeasures(table: QuestionnaireTable, row: CatalogRow): Measure[] {
  return table === 'FINANCING' ? row.measures.filter((measure) => measure !== 'total' || !row.measures.includes('direct')) : row.measures;
}

/** Why a (table, item, column) cannot be declared, in French; null when it can. */
export function declarationProblem(table: QuestionnaireTable, item: string, measure: string): { column: 'item' | 'column'; message: string } | null {
  const row = catalogRow(table, item);
  if (!row) return { column: 'item', message: `élément inconnu du tableau ${table} : possibles ${CATALOG[table].filter((found) => !found.sumOf).map((found) => found.key).join(', ')}` };
  if (row.sumOf) return { column: 'item', message: `total calculé par la plateforme (somme de ${row.sumOf.join(', ')}) : il ne se déclare pas` };
  const measures = declaredMeasures(table, row);
  if (!measures.includes(measure as Measure)) return { column: 'column', message: `colonne « ${measure} » impossible pour ${item} : possibles ${measures.join(', ')}` };
  return null;
}

/** A declared figure: `value` is an exact decimal text (`1234.5`). */
export interface Figure {
  item: string;
  measure: Measure;
  value: string;
}

/** A row of a table with every measure's value: declared, or computed; null when nothing makes it. */
export interface FilledRow {
  key: string;
  values: Partial<Record<Measure, string | null>>;
}

/** Adds exact decimal texts (at most 2 decimals) without floating point. */
function addDecimals(values: string[]): string {
  const cents = values.reduce((sum, value) => {
    const [whole, fraction = ''] = value.split('.');
    return sum + BigInt(whole!) * 100n + BigInt((fraction + '00').slice(0, 2));
  }, 0n);
  const text = `${cents / 100n}.${String(cents % 100n).padStart(2, '0')}`;
  return text.replace(/\.00$/, '').replace(/(\.\d)0$/, '$1');
}

/**
 * The whole table from its declared figures: declared rows as declared, Table 6's mobilised totals as direct +
 * indirect, computed rows as the sums of their parts, measure by measure (null when none of the parts has a value).
 */
export function fillTable(table: QuestionnaireTable, figures: Figure[]): FilledRow[] {
  const values = new Map<string, Partial<Record<Measure, string | null>>>();
  const valueOf = (key: string): Partial<Record<Measure, string | null>> => {
    const known = values.get(key);
    if (known) return known;
    const row = catalogRow(table, key)!;
    const filled: Partial<Record<Measure, string | null>> = {};
    for (const measure of row.measures) {
      const parts = row.sumOf
        ? row.sumOf.map((part) => valueOf(part)[measure] ?? null)
        : measure === 'total' && row.measures.includes('direct')
          ? [filled.direct ?? null, filled.indirect ?? null]
          : figures.filter((figure) => figure.item === key && figure.measure === measure).map((figure) => figure.value);
      const present = parts.filter((part): part is string => part !== null);
      filled[measure] = present.length > 0 ? addDecimals(present) : null;
    }
    values.set(key, filled);
    return filled;
  };
  return CATALOG[table].map((row) => ({ key: row.key, values: valueOf(row.key) }));
}
