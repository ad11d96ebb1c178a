import { CATALOG, GROUP_LABELS } from '../../plie-questionnaire/questionnaire.rules';
import { table1Label, TABLE1_GROUP_LABELS } from '../consolidation.labels';
import { DetailDimension, INSERTION_STRUCTURE_LABELS, RATE_ROWS, TABLE6BIS_ROWS, TABLE8_DIMENSIONS, TABLE9_DIMENSIONS } from '../consolidation.plie-labels';
import type { ByYear, DetailRow, InsertionStructureRow, PlieReport } from '../consolidation.rules';
import type { ReportTable } from './report-tables';

/** The PLIE tables beyond Table 3, laid out as the national report prints them. */

const RESPONDENT_TABLES: Record<string, string> = {
  table1: 'Tableau 1 — flux de participants', table2: 'Tableau 2 — étapes de parcours', table3: 'Tableau 3 — durée des parcours',
  table4: 'Tableau 4 — étapes en structure d’insertion', table5: 'Tableau 5 — étapes en structure d’insertion financées par le PLIE',
  table6: 'Tableau 6 — financements', table7: 'Tableau 7 — fonds attribués', table8: 'Tableau 8 — sorties en emploi', table9: 'Tableau 9 — sorties en formation',
  table10: 'Tableau 10 — organisation',
};

const categoryLabel = (group: string, category: string) =>
  RATE_ROWS.find((row) => row.group === group && row.category === category)?.label ?? table1Label(group, category);

/** One column per year, then the four years together where the figure has it. */
function yearColumns(years: number[], suffix: string, withTotal: boolean): ReportTable['columns'] {
  return [...years.map((year) => ({ header: `${year} ${suffix}`, kind: 'percent' as const })), ...(withTotal ? [{ header: `${years[0]}-${years[years.length - 1]} ${suffix}`, kind: 'percent' as const }] : [])];
}

const yearCells = (values: ByYear, years: number[], withTotal: boolean) => [...years.map((year) => values[String(year)] ?? null), ...(withTotal ? [values.total ?? null] : [])];

function insertionTable(name: string, sheet: string, title: string, rows: InsertionStructureRow[]): ReportTable {
  return {
    name,
    sheet,
    title,
    columns: [
      { header: 'Structure d’insertion', kind: 'text' },
      { header: 'Participants', kind: 'count' },
      { header: 'Hommes', kind: 'count' },
      { header: 'Femmes', kind: 'count' },
      { header: 'Part des hommes (%)', kind: 'percent' },
      { header: 'Part des femmes (%)', kind: 'percent' },
    ],
    rows: rows.map((row) => [INSERTION_STRUCTURE_LABELS[row.structureKind] ?? row.structureKind, row.total, row.men, row.women, row.menSharePct, row.womenSharePct]),
  };
}

function detailTable(name: string, sheet: string, title: string, rows: DetailRow[], dimensions: DetailDimension[]): ReportTable {
  const label = (row: DetailRow) => {
    if (row.category === 'total') return 'Total des situations connues';
    if (row.category === 'unknown') return 'Non renseigné (hors pourcentages)';
    return dimensions.find((found) => found.dimension === row.dimension)?.categories.find((found) => found.key === row.category)?.label ?? row.category;
  };
  return {
    name,
    sheet,
    title,
    columns: [
      { header: 'Critère', kind: 'text' },
      { header: 'Catégorie', kind: 'text' },
      { header: 'Ensemble', kind: 'count' },
      { header: 'Hommes', kind: 'count' },
      { header: 'Femmes', kind: 'count' },
      { header: 'Ensemble (%)', kind: 'percent' },
      { header: 'Hommes (%)', kind: 'percent' },
      { header: 'Femmes (%)', kind: 'percent' },
    ],
    rows: rows.map((row) => [
      dimensions.find((found) => found.dimension === row.dimension)?.title ?? row.dimension, label(row), row.total, row.men, row.women, row.totalPct, row.menPct, row.womenPct,
    ]),
  };
}

const catalogLabel = (table: keyof typeof CATALOG, key: string) => CATALOG[table].find((row) => row.key === key)?.label ?? key;

/**
 * The tables after Table 1 (the several-year ones: 1BIS, rates, cumulative results), those after Table 3 (4 to 10),
 * and the respondents of each table.
 */
export function plieExtraTables(year: number, plie: PlieReport): { severalYears: ReportTable[]; later: ReportTable[]; respondents: ReportTable } {
  const { years } = plie;
  const span = `${years[0]}-${years[years.length - 1]}`;
  const respondents: ReportTable = {
    name: 'plie-repondants',
    sheet: 'PLIE Répondants',
    title: `PLIE ${year} : structures ayant contribué à chaque tableau`,
    columns: [
      { header: 'Tableau', kind: 'text' },
      { header: 'Structures répondantes', kind: 'count' },
    ],
    rows: Object.entries(plie.respondents).map(([table, count]) => [RESPONDENT_TABLES[table] ?? table, count]),
  };
  const severalYears: ReportTable[] = [
    {
      name: 'plie-tableau-1bis-totaux',
      sheet: 'PLIE Tableau 1bis totaux',
      title: `PLIE ${span} : tableau 1 bis, entrées et sorties par année`,
      columns: [
        { header: 'Année', kind: 'text' },
        { header: 'Entrées', kind: 'count' },
        { header: 'Sorties positives', kind: 'count' },
        { header: 'dont sorties en emploi', kind: 'count' },
        { header: 'Sorties sans suite', kind: 'count' },
      ],
      rows: plie.table1bis.totals.map((row) => [row.year === 'total' ? `Total ${span}` : String(row.year), row.entries, row.positiveExits, row.employmentExits, row.exitsWithoutFollowUp]),
    },
    {
      name: 'plie-tableau-1bis-parts',
      sheet: 'PLIE Tableau 1bis parts',
      title: `PLIE ${span} : tableau 1 bis, part de chaque catégorie (%) dans les entrées, les sorties positives, les sorties en emploi et les sorties sans suite`,
      columns: [
        { header: 'Groupe', kind: 'text' },
        { header: 'Catégorie', kind: 'text' },
        ...yearColumns(years, 'entrées', true),
        ...yearColumns(years, 'sorties positives', true),
        ...yearColumns(years, 'sorties en emploi', true),
        ...yearColumns(years, 'sorties sans suite', true),
      ],
      rows: plie.table1bis.shares.map((row) => [
        TABLE1_GROUP_LABELS[row.group] ?? row.group, categoryLabel(row.group, row.category),
        ...yearCells(row.entriesPct, years, true), ...yearCells(row.positiveExitsPct, years, true),
        ...yearCells(row.employmentExitsPct, years, true), ...yearCells(row.exitsWithoutFollowUpPct, years, true),
      ]),
    },
    {
      name: 'plie-taux-par-categorie',
      sheet: 'PLIE Taux par catégorie',
      title: `PLIE ${span} : taux d’abandon et taux de sorties positives par catégorie (en % des sorties de la catégorie)`,
      columns: [
        { header: 'Groupe', kind: 'text' },
        { header: 'Catégorie', kind: 'text' },
        ...yearColumns(years, 'taux d’abandon', false),
        ...yearColumns(years, 'taux de sorties positives', false),
      ],
      rows: plie.ratesByCategory.map((row) => [
        TABLE1_GROUP_LABELS[row.group] ?? row.group, categoryLabel(row.group, row.category), ...yearCells(row.dropoutRatePct, years, false), ...yearCells(row.positiveExitRatePct, years, false),
      ]),
    },
    {
      name: 'plie-resultats-cumules',
      sheet: 'PLIE Résultats cumulés',
      title: `PLIE : résultats cumulés ${span}`,
      columns: [
        { header: 'Indicateur', kind: 'text' },
        { header: 'Valeur', kind: 'count' },
      ],
      rows: [
        ['Participants entrés', plie.cumulative.entries],
        ['Sorties positives', plie.cumulative.positiveExits],
        ['Sorties sans suite', plie.cumulative.exitsWithoutFollowUp],
        ['Participants en parcours (somme des années)', plie.cumulative.participantsInPathway],
      ],
    },
    {
      name: 'plie-resultats-cumules-taux',
      sheet: 'PLIE Taux cumulés',
      title: `PLIE : taux cumulés ${span}`,
      columns: [
        { header: 'Taux', kind: 'text' },
        { header: '%', kind: 'percent' },
      ],
      rows: [
        ['Sorties positives / total des entrées', plie.cumulative.positiveExitsPerEntryPct],
        ['Sorties positives / total des sorties', plie.cumulative.positiveExitRatePct],
        ['Sorties positives / total des sorties (hors déménagements, décès, retraites)', plie.cumulative.positiveExitRateExclMovesPct],
      ],
    },
  ];
  const later: ReportTable[] = [
    insertionTable('plie-tableau-4', 'PLIE Tableau 4', `PLIE ${year} : tableau 4, participants ayant une étape en structure d’insertion par l’activité économique (${plie.respondents.table4} structures)`, plie.table4),
    insertionTable('plie-tableau-5', 'PLIE Tableau 5', `PLIE ${year} : tableau 5, participants ayant une étape en structure d’insertion financée par le PLIE (${plie.respondents.table5} structures)`, plie.table5),
    {
      name: 'plie-tableau-6',
      sheet: 'PLIE Tableau 6',
      title: `PLIE ${year} : tableau 6, financements mobilisés et non mobilisés (${plie.respondents.table6} répondants)`,
      columns: [
        { header: 'Section', kind: 'text' },
        { header: 'Financeur', kind: 'text' },
        { header: 'Total (€)', kind: 'count' },
        { header: 'Direct (€)', kind: 'count' },
        { header: 'Indirect (€)', kind: 'count' },
        { header: 'Répondants', kind: 'count' },
      ],
      rows: plie.table6.map((row) => [GROUP_LABELS[row.section] ?? row.section, catalogLabel('FINANCING', `${row.section}.${row.item}`), row.total, row.direct, row.indirect, row.respondents]),
    },
    {
      name: 'plie-tableau-6bis',
      sheet: 'PLIE Tableau 6bis',
      title: `PLIE ${span} : tableau 6 bis, financements cumulés sur quatre ans`,
      columns: [
        { header: 'Section', kind: 'text' },
        { header: 'Financeur', kind: 'text' },
        { header: 'Total (€)', kind: 'count' },
        { header: 'Direct (€)', kind: 'count' },
        { header: 'Indirect (€)', kind: 'count' },
      ],
      rows: plie.table6bis.map((row) => [
        GROUP_LABELS[row.section] ?? row.section, TABLE6BIS_ROWS.find((found) => found.section === row.section && found.item === row.item)?.label ?? row.item, row.total, row.direct, row.indirect,
      ]),
    },
    {
      name: 'plie-tableau-7',
      sheet: 'PLIE Tableau 7',
      title: `PLIE ${year} : tableau 7, fonds attribués par le PLIE à d’autres structures (${plie.respondents.table7} répondants)`,
      columns: [
        { header: 'Groupe', kind: 'text' },
        { header: 'Structure bénéficiaire', kind: 'text' },
        { header: 'Total (€)', kind: 'count' },
        { header: 'dont FSE (€)', kind: 'count' },
        { header: 'Répondants', kind: 'count' },
      ],
      rows: plie.table7.map((row) => [GROUP_LABELS[row.group] ?? row.group, catalogLabel('ALLOCATIONS', row.recipientKind), row.total, row.esf, row.respondents]),
    },
    detailTable('plie-tableau-8', 'PLIE Tableau 8', `PLIE ${year} : tableau 8, sorties en emploi (en % des situations connues)`, plie.table8, TABLE8_DIMENSIONS),
    detailTable('plie-tableau-9', 'PLIE Tableau 9', `PLIE ${year} : tableau 9, sorties en formation qualifiante (en % des situations connues)`, plie.table9, TABLE9_DIMENSIONS),
    {
      name: 'plie-tableau-10',
      sheet: 'PLIE Tableau 10',
      title: `PLIE ${year} : tableau 10, organisation des PLIE (${plie.respondents.table10} répondants)`,
      columns: [
        { header: 'Élément', kind: 'text' },
        { header: 'Valeur', kind: 'hours' },
        { header: 'Unité', kind: 'text' },
        { header: 'Montant (€)', kind: 'count' },
        { header: 'Répondants', kind: 'count' },
      ],
      rows: plie.table10.map((row) => {
        const catalogRow = CATALOG.ORGANISATION.find((found) => found.key === row.item);
        return [catalogRow?.label ?? row.item, row.value, catalogRow?.unit ?? '', row.amountEur, row.respondents];
      }),
    },
  ];
  return { severalYears, later, respondents };
}
