import { CATALOG, fillTable, Figure, FilledRow, Measure, QuestionnaireTable } from '../plie-questionnaire/questionnaire.rules';
import { STEP_LABELS, TABLE1_ROWS, TABLE3_CATEGORIES, TABLE3_EXIT_KINDS } from './consolidation.labels';
import {
  DetailDimension,
  INSERTION_STRUCTURE_KEYS,
  insertionStructureKey,
  RATE_ROWS,
  TABLE1BIS_SHARE_ROWS,
  TABLE6BIS_ROWS,
  TABLE8_DIMENSIONS,
  TABLE9_DIMENSIONS,
} from './consolidation.plie-labels';
import type { ExitDetailCounts, FlowCounts, InsertionStructureCounts, PlieFigures, QuestionnaireSums } from './consolidation.repository';
import { ByYear, DetailRow, FinancingRow, InsertionStructureRow, percentage, PlieReport, quotient, table1Row, Table1Counts, Table2Row, Table3Row } from './consolidation.rules';

const ZERO_FLOWS: Table1Counts = {
  entries: 0, inPathway: 0, carriedOver: 0, positiveExits: 0, positiveExitsEmployment: 0, positiveExitsTraining: 0,
  exitsWithoutFollowUp: 0, dropouts: 0, movedDiedRetired: 0, otherExits: 0,
};

/** The counts of a (year, group, category), zeros when no pathway falls in it. */
function flowsOf(flows: FlowCounts[], year: number, group: string, category: string): Table1Counts {
  const row = flows.find((found) => found.year === year && found.group === group && found.category === category);
  if (!row) return ZERO_FLOWS;
  const { year: _y, group: _g, category: _c, ...counts } = row;
  return counts;
}

/**
 * The PLIE tables of `CONSOLIDATION-FORMAT.md` from the counts PostgreSQL returned: every row present (zeros
 * included), subtotals and totals computed, rates and shares on exact counts.
 */
export function plieReport(plie: PlieFigures, year: number): PlieReport {
  const years = [year - 3, year - 2, year - 1, year];
  const table1 = TABLE1_ROWS.map(({ group, category }) => table1Row(group, category, flowsOf(plie.flows, year, group, category)));
  const questionnaire = questionnaireTables(plie.questionnaire, years);
  const employment = plie.exitDetails.filter((row) => row.exitKind === 'EMPLOYMENT');
  const training = plie.exitDetails.filter((row) => row.exitKind === 'TRAINING');
  const insertion = insertionStructureTables(plie.insertionStructures);
  const structuresWith = (rows: ExitDetailCounts[]) => rows.find((row) => row.dimension === null)?.structures ?? 0;
  return {
    table1,
    table2: table2Of(plie.table2),
    table3: table3Of(plie.table3),
    respondents: {
      table1: plie.structures,
      table2: plie.structures,
      table3: plie.structures,
      table4: insertion.structures,
      table5: insertion.fundedStructures,
      table6: questionnaire.respondents.FINANCING,
      table7: questionnaire.respondents.ALLOCATIONS,
      table8: structuresWith(employment),
      table9: structuresWith(training),
      table10: questionnaire.respondents.ORGANISATION,
    },
    years,
    yearsWithoutPathwayData: years.filter((candidate) => flowsOf(plie.flows, candidate, 'all', 'total').inPathway === 0),
    ...severalYears(plie.flows, years),
    table4: insertion.table4,
    table5: insertion.table5,
    table6: questionnaire.table6,
    table6bis: questionnaire.table6bis,
    table7: questionnaire.table7,
    table8: detailTable(employment, TABLE8_DIMENSIONS),
    table9: detailTable(training, TABLE9_DIMENSIONS),
    table10: questionnaire.table10,
  };
}

function table2Of(rows: PlieFigures['table2']): Table2Row[] {
  const participants = rows[0]?.participants ?? 0;
  return Object.keys(STEP_LABELS).map((stepKind) => {
    const row = rows.find((found) => found.stepKind === stepKind) ?? { total: 0, men: 0, women: 0 };
    return { stepKind, total: row.total, men: row.men, women: row.women, meanPerParticipant: quotient(row.total, participants, 2) };
  });
}

function table3Of(rows: PlieFigures['table3']): Table3Row[] {
  return Object.keys(TABLE3_EXIT_KINDS).flatMap((exitKind) =>
    Object.keys(TABLE3_CATEGORIES).map((category) => {
      const row = rows.find((found) => found.exitKind === exitKind && found.category === category);
      return { exitKind, category, pathways: row?.pathways ?? 0, meanMonths: row ? Number(row.meanMonths) : null };
    }),
  );
}

/** Table 1BIS, the rates by category and the cumulative results, from the flows of each year. */
function severalYears(flows: FlowCounts[], years: number[]): Pick<PlieReport, 'table1bis' | 'ratesByCategory' | 'cumulative'> {
  const totalOf = (year: number) => flowsOf(flows, year, 'all', 'total');
  const sum = (pick: (counts: Table1Counts) => number, group = 'all', category = 'total') => years.reduce((total, year) => total + pick(flowsOf(flows, year, group, category)), 0);
  const measures = {
    entries: (counts: Table1Counts) => counts.entries,
    positiveExits: (counts: Table1Counts) => counts.positiveExits,
    employmentExits: (counts: Table1Counts) => counts.positiveExitsEmployment,
    exitsWithoutFollowUp: (counts: Table1Counts) => counts.exitsWithoutFollowUp,
  };
  const shareByYear = (pick: (counts: Table1Counts) => number, group: string, category: string): ByYear => ({
    ...Object.fromEntries(years.map((year) => [String(year), percentage(pick(flowsOf(flows, year, group, category)), pick(totalOf(year)), 1)])),
    total: percentage(sum(pick, group, category), sum(pick), 1),
  });
  const exits = (counts: Table1Counts) => counts.positiveExits + counts.exitsWithoutFollowUp;
  const entries = sum(measures.entries);
  const positiveExits = sum(measures.positiveExits);
  const withoutFollowUp = sum(measures.exitsWithoutFollowUp);
  const moves = sum((counts) => counts.movedDiedRetired);
  return {
    table1bis: {
      totals: [
        ...years.map((year) => {
          const counts = totalOf(year);
          return { year, entries: counts.entries, positiveExits: counts.positiveExits, employmentExits: counts.positiveExitsEmployment, exitsWithoutFollowUp: counts.exitsWithoutFollowUp };
        }),
        { year: 'total' as const, entries, positiveExits, employmentExits: sum(measures.employmentExits), exitsWithoutFollowUp: withoutFollowUp },
      ],
      shares: TABLE1BIS_SHARE_ROWS.map(({ group, category }) => ({
        group,
        category,
        entriesPct: shareByYear(measures.entries, group, category),
        positiveExitsPct: shareByYear(measures.positiveExits, group, category),
        employmentExitsPct: shareByYear(measures.employmentExits, group, category),
        exitsWithoutFollowUpPct: shareByYear(measures.exitsWithoutFollowUp, group, category),
      })),
    },
    ratesByCategory: RATE_ROWS.map(({ group, category }) => ({
      group,
      category,
      dropoutRatePct: Object.fromEntries(years.map((year) => {
        const counts = flowsOf(flows, year, group, category);
        return [String(year), percentage(counts.dropouts, exits(counts), 1)];
      })),
      positiveExitRatePct: Object.fromEntries(years.map((year) => {
        const counts = flowsOf(flows, year, group, category);
        return [String(year), percentage(counts.positiveExits, exits(counts), 1)];
      })),
    })),
    cumulative: {
      fromYear: years[0]!,
      toYear: years[years.length - 1]!,
      entries,
      positiveExits,
      exitsWithoutFollowUp: withoutFollowUp,
      participantsInPathway: sum((counts) => counts.inPathway),
      positiveExitsPerEntryPct: percentage(positiveExits, entries, 1),
      positiveExitRatePct: percentage(positiveExits, positiveExits + withoutFollowUp, 1),
      positiveExitRateExclMovesPct: percentage(positiveExits, positiveExits + withoutFollowUp - moves, 1),
    },
  };
}

/** Tables 4 and 5: each kind with its shares of the men and of the women counted over all kinds, then the total. */
function insertionStructureTables(rows: InsertionStructureCounts[]) {
  const build = (men: (row: InsertionStructureCounts) => number, women: (row: InsertionStructureCounts) => number): InsertionStructureRow[] => {
    const counts = INSERTION_STRUCTURE_KEYS.map((key) => {
      const row = rows.find((found) => found.structureKind !== 'ALL' && insertionStructureKey(found.structureKind) === key);
      return { key, men: row ? men(row) : 0, women: row ? women(row) : 0 };
    });
    const allMen = counts.reduce((total, row) => total + row.men, 0);
    const allWomen = counts.reduce((total, row) => total + row.women, 0);
    return [...counts, { key: 'total', men: allMen, women: allWomen }].map((row) => ({
      structureKind: row.key,
      total: row.men + row.women,
      men: row.men,
      women: row.women,
      menSharePct: percentage(row.men, allMen, 1),
      womenSharePct: percentage(row.women, allWomen, 1),
    }));
  };
  const all = rows.find((row) => row.structureKind === 'ALL');
  return {
    table4: build((row) => row.men, (row) => row.women),
    table5: build((row) => row.fundedMen, (row) => row.fundedWomen),
    structures: all?.structures ?? 0,
    fundedStructures: all?.fundedStructures ?? 0,
  };
}

/**
 * Table 8 or 9: per dimension, each category's exits and their shares of the exits where the item is known, the
 * known total (100 %), then the unknown count (no share).
 */
export function detailTable(rows: ExitDetailCounts[], dimensions: DetailDimension[]): DetailRow[] {
  return dimensions.flatMap(({ dimension, categories }) => {
    const ofDimension = rows.filter((row) => row.dimension === dimension);
    const count = (values: (string | null)[]) => {
      const matching = ofDimension.filter((row) => values.includes(row.value));
      return { men: matching.reduce((total, row) => total + row.men, 0), women: matching.reduce((total, row) => total + row.women, 0) };
    };
    const known = count(categories.flatMap((category) => category.values));
    const row = (category: string, counts: { men: number; women: number }, shared: boolean): DetailRow => ({
      dimension,
      category,
      total: counts.men + counts.women,
      men: counts.men,
      women: counts.women,
      totalPct: shared ? percentage(counts.men + counts.women, known.men + known.women, 1) : null,
      menPct: shared ? percentage(counts.men, known.men, 1) : null,
      womenPct: shared ? percentage(counts.women, known.women, 1) : null,
    });
    return [...categories.map((category) => row(category.key, count(category.values), true)), row('total', known, true), row('unknown', count([null]), false)];
  });
}

/** The questionnaire's tables of the year (6, 7, 10) and Table 6 summed over the four years (6BIS). */
function questionnaireTables(sums: QuestionnaireSums[], years: number[]) {
  const year = years[years.length - 1]!;
  const filled = (table: QuestionnaireTable, ofYears: number[]): FilledRow[] =>
    fillTable(
      table,
      sums
        .filter((sum) => sum.level === 'measure' && sum.table === table && ofYears.includes(sum.year))
        .map((sum): Figure => ({ item: sum.item!, measure: sum.measure as Measure, value: sum.value })),
    );
  const respondents = (table: QuestionnaireTable) => sums.find((sum) => sum.level === 'table' && sum.table === table && sum.year === year)?.respondents ?? 0;
  // A measure the row has is a figure (0 when no PLIE declared it); one it has not is null.
  const number = (table: QuestionnaireTable, row: FilledRow, measure: Measure): number | null =>
    CATALOG[table].find((found) => found.key === row.key)!.measures.includes(measure) ? Number(row.values[measure] ?? 0) : null;
  const financing = (rows: FilledRow[]) =>
    rows.map((row): FinancingRow => {
      const [section, item] = row.key.split('.') as [string, string];
      return { section, item, total: number('FINANCING', row, 'total'), direct: number('FINANCING', row, 'direct'), indirect: number('FINANCING', row, 'indirect') };
    });
  const table6Respondents = respondents('FINANCING');
  const fourYears = financing(filled('FINANCING', years));
  const fourYearsByKey = new Map(fourYears.map((row) => [`${row.section}.${row.item}`, row]));
  const table6bis = TABLE6BIS_ROWS.map(({ section, item, sumOf }): FinancingRow => {
    const parts = sumOf.map((key) => fourYearsByKey.get(key)!);
    const add = (measure: 'total' | 'direct' | 'indirect') => (parts.every((part) => part[measure] === null) ? null : parts.reduce((total, part) => total + (part[measure] ?? 0), 0));
    return { section, item, total: add('total'), direct: add('direct'), indirect: add('indirect') };
  });
  const table7Respondents = respondents('ALLOCATIONS');
  const organisation = filled('ORGANISATION', [year]);
  const itemRespondents = (key: string) =>
    sums.find((sum) => sum.year === year && sum.table === 'ORGANISATION' && ((sum.level === 'item' && sum.item === key) || (sum.level === 'parent' && sum.parent === key)))?.respondents ?? 0;
  return {
    respondents: { FINANCING: table6Respondents, ALLOCATIONS: table7Respondents, ORGANISATION: respondents('ORGANISATION') },
    table6: financing(filled('FINANCING', [year])).map((row) => ({ ...row, respondents: table6Respondents })),
    table6bis,
    table7: filled('ALLOCATIONS', [year]).map((row) => {
      const catalogRow = CATALOG.ALLOCATIONS.find((found) => found.key === row.key)!;
      return { group: catalogRow.group!, recipientKind: row.key, total: Number(row.values.total ?? 0), esf: Number(row.values.esf ?? 0), respondents: table7Respondents };
    }),
    table10: organisation.map((row) => ({
      item: row.key,
      value: Number(row.values.value ?? 0),
      amountEur: number('ORGANISATION', row, 'amount_eur'),
      respondents: itemRespondents(row.key),
    })),
  };
}
