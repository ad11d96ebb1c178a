import { BREAKDOWN_NAMES, BREAKDOWN_TITLES, BreakdownName, HEADLINE_LABELS, HeadlineName, STEP_LABELS, table1Label, TABLE1_GROUP_LABELS, TABLE3_CATEGORIES, TABLE3_EXIT_KINDS } from '../consolidation.labels';
import type { ConsolidationReport } from '../consolidation.rules';
import { plieExtraTables } from './plie-tables';

/** How a column's values are written: counts, hours (2 decimals), percentages and means (1 or 2 decimals), text. */
export type ColumnKind = 'text' | 'count' | 'hours' | 'percent' | 'decimal';

export interface ReportTable {
  /** File and anchor name: `plie-tableau-1`. */
  name: string;
  /** Worksheet name (31 characters at most). */
  sheet: string;
  title: string;
  columns: { header: string; kind: ColumnKind }[];
  rows: (string | number | null)[][];
}

const BREAKDOWN_TABLES: Record<BreakdownName, { name: string; sheet: string }> = {
  public: { name: 'repartition-public', sheet: 'Par public' },
  gender: { name: 'repartition-sexe', sheet: 'Par sexe' },
  ageBand: { name: 'repartition-age', sheet: 'Par âge' },
  qualificationLevel: { name: 'repartition-niveau', sheet: 'Par niveau' },
  qpvResident: { name: 'repartition-qpv', sheet: 'Par résidence QPV' },
  buyerKind: { name: 'repartition-type-acheteur', sheet: 'Par type d’acheteur' },
  sector: { name: 'repartition-secteur', sheet: 'Par secteur' },
  legalBasis: { name: 'repartition-fondement', sheet: 'Par fondement juridique' },
  fulfilmentMode: { name: 'repartition-modalite', sheet: 'Par modalité' },
  contractKind: { name: 'repartition-type-contrat', sheet: 'Par type de contrat' },
  month: { name: 'repartition-mois', sheet: 'Par mois' },
  prescriber: { name: 'repartition-prescripteur', sheet: 'Par prescripteur' },
};

const SCOPE_LABELS = { national: 'National', structure: 'Structure', buyer: 'Acheteur' };

/** « National », « Structure PLIE-SUD », « Acheteur 21690123100011 ». */
export function scopeLabel(report: ConsolidationReport): string {
  return report.scope.ref ? `${SCOPE_LABELS[report.scope.kind]} ${report.scope.ref}` : SCOPE_LABELS[report.scope.kind];
}

/** Every table of a report, in the order of the national report: the clause, then the PLIE tables. */
export function reportTables(report: ConsolidationReport): ReportTable[] {
  const { year } = report;
  const tables: ReportTable[] = [
    {
      name: 'chiffres-cles',
      sheet: 'Chiffres clés',
      title: `Clauses sociales : chiffres clés ${year}`,
      columns: [
        { header: 'Indicateur', kind: 'text' },
        { header: String(year), kind: 'count' },
        { header: String(year - 1), kind: 'count' },
        { header: `Évolution ${year - 1}-${year} (%)`, kind: 'percent' },
      ],
      rows: (Object.keys(HEADLINE_LABELS) as HeadlineName[]).map((name) => {
        const figure = report.clause.headline[name];
        return [HEADLINE_LABELS[name], figure.value, figure.previous, figure.changePct];
      }),
    },
    ...BREAKDOWN_NAMES.map((name) => ({
      ...BREAKDOWN_TABLES[name],
      title: `Clauses sociales ${year} : ${BREAKDOWN_TITLES[name].charAt(0).toLowerCase()}${BREAKDOWN_TITLES[name].slice(1)}`,
      columns: [
        { header: 'Catégorie', kind: 'text' as const },
        { header: 'Participants', kind: 'count' as const },
        { header: 'Part des participants (%)', kind: 'percent' as const },
        { header: 'Contrats de travail', kind: 'count' as const },
        { header: 'Heures d’insertion', kind: 'hours' as const },
        { header: 'Part des heures (%)', kind: 'percent' as const },
      ],
      rows: report.clause.breakdowns[name].map((row) => [row.label, row.participants, row.participantsSharePct, row.workContracts, row.insertionHours, row.insertionHoursSharePct]),
    })),
    {
      name: 'structures',
      sheet: 'Structures',
      title: `Structures ayant transmis des données pour ${year} (${report.reportingStructures.length})`,
      columns: [
        { header: 'Référence', kind: 'text' },
        { header: 'Nom', kind: 'text' },
      ],
      rows: report.reportingStructures.map((structure) => [structure.ref, structure.name]),
    },
  ];
  if (report.plie) {
    const [table1, ...table2And3] = plieTables(year, report.plie);
    const extra = plieExtraTables(year, report.plie);
    tables.push(table1!, ...extra.severalYears, ...table2And3, ...extra.later, extra.respondents);
  }
  return tables;
}

function plieTables(year: number, plie: NonNullable<ConsolidationReport['plie']>): ReportTable[] {
  return [
    {
      name: 'plie-tableau-1',
      sheet: 'PLIE Tableau 1',
      title: `PLIE ${year} : tableau 1, entrées, présents et sorties par catégorie de participants à l’entrée`,
      columns: [
        { header: 'Groupe', kind: 'text' },
        { header: 'Catégorie', kind: 'text' },
        { header: 'Entrées dans l’année', kind: 'count' },
        { header: 'Présents dans l’année', kind: 'count' },
        { header: `Report de ${year - 1}`, kind: 'count' },
        { header: 'Sorties positives', kind: 'count' },
        { header: 'dont emploi', kind: 'count' },
        { header: 'dont formation qualifiante', kind: 'count' },
        { header: 'Sorties sans suite', kind: 'count' },
        { header: 'dont abandons', kind: 'count' },
        { header: 'dont déménagements, décès, retraites', kind: 'count' },
        { header: 'dont autres sorties', kind: 'count' },
        { header: 'Taux de sorties positives (%)', kind: 'percent' },
        { header: 'Taux hors déménagements, décès, retraites (%)', kind: 'percent' },
        { header: 'Sorties positives pour 100 entrées', kind: 'percent' },
        { header: `En parcours au 31/12/${year}`, kind: 'count' },
      ],
      rows: plie.table1.map((row) => [
        TABLE1_GROUP_LABELS[row.group] ?? row.group, table1Label(row.group, row.category), row.entries, row.inPathway, row.carriedOver, row.positiveExits,
        row.positiveExitsEmployment, row.positiveExitsTraining, row.exitsWithoutFollowUp, row.dropouts, row.movedDiedRetired, row.otherExits,
        row.positiveExitRatePct, row.positiveExitRateExclMovesPct, row.positiveExitsPerEntryPct, row.stillInPathwayAtYearEnd,
      ]),
    },
    {
      name: 'plie-tableau-2',
      sheet: 'PLIE Tableau 2',
      title: `PLIE ${year} : tableau 2, étapes de parcours en cours dans l’année`,
      columns: [
        { header: 'Étape', kind: 'text' },
        { header: 'Total', kind: 'count' },
        { header: 'Hommes', kind: 'count' },
        { header: 'Femmes', kind: 'count' },
        { header: 'Par participant en parcours', kind: 'decimal' },
      ],
      rows: plie.table2.map((row) => [STEP_LABELS[row.stepKind] ?? row.stepKind, row.total, row.men, row.women, row.meanPerParticipant]),
    },
    {
      name: 'plie-tableau-3',
      sheet: 'PLIE Tableau 3',
      title: `PLIE ${year} : tableau 3, durée moyenne des parcours sortis dans l’année`,
      columns: [
        { header: 'Sorties', kind: 'text' },
        { header: 'Catégorie', kind: 'text' },
        { header: 'Parcours', kind: 'count' },
        { header: 'Durée moyenne (mois)', kind: 'decimal' },
      ],
      rows: plie.table3.map((row) => [TABLE3_EXIT_KINDS[row.exitKind] ?? row.exitKind, TABLE3_CATEGORIES[row.category] ?? row.category, row.pathways, row.meanMonths]),
    },
  ];
}

const FRENCH = {
  count: new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 0 }),
  hours: new Intl.NumberFormat('fr-FR', { minimumFractionDigits: 0, maximumFractionDigits: 2 }),
  percent: new Intl.NumberFormat('fr-FR', { minimumFractionDigits: 1, maximumFractionDigits: 1 }),
  decimal: new Intl.NumberFormat('fr-FR', { minimumFractionDigits: 2, maximumFractionDigits: 2 }),
};

/** A cell as a French reader writes it (13 279 000 ; 43,4) ; an empty cell is a masked or undefined figure. */
export function frenchCell(value: string | number | null, kind: ColumnKind): string {
  if (value === null) return '';
  if (typeof value === 'string' || kind === 'text') return String(value);
  return FRENCH[kind].format(value);
}
