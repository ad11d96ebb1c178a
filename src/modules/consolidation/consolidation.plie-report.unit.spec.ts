import { detailTable, plieReport } from './consolidation.plie-report';
import { TABLE8_DIMENSIONS, TABLE9_DIMENSIONS } from './consolidation.plie-labels';
import type { FlowCounts, PlieFigures } from './consolidation.repository';

const ZERO = { entries: 0, inPathway: 0, carriedOver: 0, positiveExits: 0, positiveExitsEmployment: 0, positiveExitsTraining: 0, exitsWithoutFollowUp: 0, dropouts: 0, movedDiedRetired: 0, otherExits: 0 };
const flow = (year: number, group: string, category: string, counts: Partial<FlowCounts>): FlowCounts => ({ ...ZERO, year, group, category, ...counts });

function figures(overrides: Partial<PlieFigures> = {}): PlieFigures {
  return { flows: [], table2: [], table3: [], insertionStructures: [], exitDetails: [], questionnaire: [], structures: 0, ...overrides };
}

describe('the PLIE report beyond Table 3', () => {
  it('lists every row of every table even without data, and names the years without pathways', () => {
    const report = plieReport(figures(), 2017);
    expect(report.years).toEqual([2014, 2015, 2016, 2017]);
    expect(report.yearsWithoutPathwayData).toEqual([2014, 2015, 2016, 2017]);
    expect(report.table1).toHaveLength(32);
    expect(report.table1bis.totals.map((row) => row.year)).toEqual([2014, 2015, 2016, 2017, 'total']);
    expect(report.table1bis.shares).toHaveLength(31);
    expect(report.ratesByCategory.map((row) => `${row.group}/${row.category}`)).toContain('level/IV_and_above');
    expect(report.table4.map((row) => row.structureKind)).toEqual(['aci', 'ei', 'etti', 'ai', 'regie_de_quartier', 'geiq', 'total']);
    expect(report.table6).toHaveLength(17);
    expect(report.table6.find((row) => row.item === 'other_not_mobilised')).toEqual({ section: 'not_mobilised', item: 'other_not_mobilised', total: 0, direct: null, indirect: null, respondents: 0 });
    expect(report.table6bis.map((row) => `${row.section}.${row.item}`)).toContain('mobilised.subtotal_mobilised');
    expect(report.table7.at(-1)).toEqual({ group: 'all', recipientKind: 'total', total: 0, esf: 0, respondents: 0 });
    expect(report.table8.filter((row) => row.dimension === 'measure').map((row) => row.category)).toEqual([
      'cui_cie', 'cui_cae', 'professionalisation_contract', 'apprenticeship_contract', 'other', 'none', 'total', 'unknown',
    ]);
    expect(report.table10.find((row) => row.item === 'engineering_time_and_budget')).toEqual({ item: 'engineering_time_and_budget', value: 0, amountEur: 0, respondents: 0 });
    expect(report.cumulative).toMatchObject({ entries: 0, positiveExitRatePct: null });
  });

  it('gives each year’s totals, the shares of a category, its rates and the cumulative results', () => {
    const flows = [
      flow(2016, 'all', 'total', { entries: 100, inPathway: 300, positiveExits: 40, positiveExitsEmployment: 30, exitsWithoutFollowUp: 60, dropouts: 20, movedDiedRetired: 10 }),
      flow(2016, 'gender', 'women', { entries: 55, positiveExits: 25, exitsWithoutFollowUp: 25, dropouts: 5 }),
      flow(2017, 'all', 'total', { entries: 200, inPathway: 400, positiveExits: 50, positiveExitsEmployment: 40, exitsWithoutFollowUp: 50, dropouts: 10, movedDiedRetired: 10 }),
      flow(2017, 'gender', 'women', { entries: 100, positiveExits: 30, exitsWithoutFollowUp: 20, dropouts: 4 }),
    ];
    const report = plieReport(figures({ flows }), 2017);
    expect(report.yearsWithoutPathwayData).toEqual([2014, 2015]);
    expect(report.table1bis.totals.at(-1)).toEqual({ year: 'total', entries: 300, positiveExits: 90, employmentExits: 70, exitsWithoutFollowUp: 110 });
    const women = report.table1bis.shares.find((row) => row.category === 'women')!;
    expect(women.entriesPct).toEqual({ '2014': null, '2015': null, '2016': 55, '2017': 50, total: 51.7 });
    const rates = report.ratesByCategory.find((row) => row.category === 'women')!;
    expect(rates.dropoutRatePct).toEqual({ '2014': null, '2015': null, '2016': 10, '2017': 8 });
    expect(rates.positiveExitRatePct).toEqual({ '2014': null, '2015': null, '2016': 50, '2017': 60 });
    expect(report.cumulative).toEqual({
      fromYear: 2014, toYear: 2017, entries: 300, positiveExits: 90, exitsWithoutFollowUp: 110, participantsInPathway: 700,
      positiveExitsPerEntryPct: 30, positiveExitRatePct: 45, positiveExitRateExclMovesPct: 50,
    });
  });

  it('shares a detail among the exits where it is known, and counts the unknown apart', () => {
    const rows = detailTable(
      [
        { exitKind: 'EMPLOYMENT', dimension: 'employer_sector', value: 'B', men: 2, women: 1, structures: 1 },
        { exitKind: 'EMPLOYMENT', dimension: 'employer_sector', value: 'C', men: 1, women: 0, structures: 1 },
        { exitKind: 'EMPLOYMENT', dimension: 'employer_sector', value: 'Q', men: 1, women: 3, structures: 1 },
        { exitKind: 'EMPLOYMENT', dimension: 'employer_sector', value: null, men: 5, women: 5, structures: 1 },
      ],
      TABLE8_DIMENSIONS,
    ).filter((row) => row.dimension === 'employer_sector');
    expect(rows.find((row) => row.category === 'naf_b_c')).toEqual({ dimension: 'employer_sector', category: 'naf_b_c', total: 4, men: 3, women: 1, totalPct: 50, menPct: 75, womenPct: 25 });
    expect(rows.find((row) => row.category === 'total')).toMatchObject({ total: 8, totalPct: 100, menPct: 100, womenPct: 100 });
    expect(rows.at(-1)).toEqual({ dimension: 'employer_sector', category: 'unknown', total: 10, men: 5, women: 5, totalPct: null, menPct: null, womenPct: null });
    expect(detailTable([], TABLE9_DIMENSIONS).filter((row) => row.category === 'total').every((row) => row.totalPct === null)).toBe(true);
  });

  it('counts Tables 4 and 5 per kind with shares of all the men and all the women, and their respondents', () => {
    const report = plieReport(
      figures({
        insertionStructures: [
          { structureKind: 'ACI', men: 6, women: 2, fundedMen: 3, fundedWomen: 0, structures: 2, fundedStructures: 1 },
          { structureKind: 'REGIE_DE_QUARTIER', men: 2, women: 2, fundedMen: 1, fundedWomen: 2, structures: 1, fundedStructures: 1 },
          { structureKind: 'ALL', men: 7, women: 4, fundedMen: 4, fundedWomen: 2, structures: 2, fundedStructures: 1 },
        ],
      }),
      2017,
    );
    expect(report.table4[0]).toEqual({ structureKind: 'aci', total: 8, men: 6, women: 2, menSharePct: 75, womenSharePct: 50 });
    expect(report.table4.at(-1)).toEqual({ structureKind: 'total', total: 12, men: 8, women: 4, menSharePct: 100, womenSharePct: 100 });
    expect(report.table5.find((row) => row.structureKind === 'regie_de_quartier')).toEqual({ structureKind: 'regie_de_quartier', total: 3, men: 1, women: 2, menSharePct: 25, womenSharePct: 100 });
    expect(report.respondents).toMatchObject({ table4: 2, table5: 1 });
  });

  it('sums the questionnaire over the PLIE with its respondents: per table for 6 and 7, per row for 10, four years for 6BIS', () => {
    const report = plieReport(
      figures({
        questionnaire: [
          { year: 2017, table: 'FINANCING', item: 'axis_3.state', measure: 'direct', parent: null, level: 'measure', value: '100', respondents: 2 },
          { year: 2017, table: 'FINANCING', item: 'axis_4.local_authorities', measure: 'direct', parent: null, level: 'measure', value: '5', respondents: 1 },
          { year: 2017, table: 'FINANCING', item: null, measure: null, parent: null, level: 'table', value: '105', respondents: 3 },
          { year: 2015, table: 'FINANCING', item: 'axis_3.local_authorities', measure: 'direct', parent: null, level: 'measure', value: '10', respondents: 1 },
          { year: 2017, table: 'ORGANISATION', item: 'meetings_organised_operational', measure: 'value', parent: 'meetings_organised', level: 'measure', value: '12', respondents: 2 },
          { year: 2017, table: 'ORGANISATION', item: 'meetings_organised_operational', measure: null, parent: 'meetings_organised', level: 'item', value: '12', respondents: 2 },
          { year: 2017, table: 'ORGANISATION', item: null, measure: null, parent: 'meetings_organised', level: 'parent', value: '12', respondents: 2 },
        ],
      }),
      2017,
    );
    expect(report.table6.find((row) => row.item === 'state')).toEqual({ section: 'axis_3', item: 'state', total: 100, direct: 100, indirect: 0, respondents: 3 });
    expect(report.table6.find((row) => row.item === 'subtotal_mobilised')).toMatchObject({ total: 105, direct: 105 });
    expect(report.table6bis.find((row) => row.item === 'local_authorities')).toEqual({ section: 'mobilised', item: 'local_authorities', total: 15, direct: 15, indirect: 0 });
    expect(report.respondents.table6).toBe(3);
    expect(report.table10.find((row) => row.item === 'meetings_organised')).toEqual({ item: 'meetings_organised', value: 12, amountEur: null, respondents: 2 });
    expect(report.table10.find((row) => row.item === 'meetings_organised_operational')!.respondents).toBe(2);
  });
});
