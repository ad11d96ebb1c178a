import { INestApplicationContext } from '@nestjs/common';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { datasetTargets, generateNationalDataset } from '../../bench/national-dataset';
import { CLAUSE_2017, PLIE_2017_TABLE1 } from '../../bench/reference-2017';
import { COMMAND_LINE, ConsolidationService } from '../../src/modules/consolidation/consolidation.service';
import type { ConsolidationReport } from '../../src/modules/consolidation/consolidation.rules';
import { ImportsService } from '../../src/modules/imports/imports.service';
import { ParticipantsRetention } from '../../src/modules/participants/participants.retention';
import { DataSource } from 'typeorm';
import { IMPORT_KINDS } from '../../src/modules/imports/imports.rules';
import { startTestContext } from '../support/app';
import { waitFor } from '../support/wait';

/**
 * The team's national dataset, at 1/50 of the country (every published figure × 0.02, rounded; the gender rows of
 * Table 1 scaled and the total as their sum), imported through the real import and consolidated by the workers:
 * the consolidation must find exactly the scaled 2017 figures. At scale 1 the targets are the published figures
 * themselves (first test), and the benchmark checks the full-scale run.
 */
const SCALE = 0.02;

function sum2017(pick: (counts: ReturnType<typeof datasetTargets>['plie']['men']) => number): number {
  const { men, women } = datasetTargets(SCALE).plie;
  return pick(men) + pick(women);
}

describe('the 2017 national figures reproduced from the team-built dataset', () => {
  it('has the published figures as its targets at scale 1', () => {
    const targets = datasetTargets(1);
    expect(targets.clause).toEqual({
      insertionHours: { value: '13279000.00', previous: '11557006.00' },
      workContracts: { value: 48585, previous: 43901 },
      participants: { value: 34274, previous: 29192 },
      companies: { value: 17896, previous: 15837 },
      buyers: 2400,
      operations: 8186,
      markets: 34022,
    });
    expect(targets.structures).toBe(180);
    for (const gender of ['men', 'women'] as const) {
      const counts = targets.plie[gender];
      const reference = PLIE_2017_TABLE1[gender];
      expect(counts.positiveExitsEmployment + counts.positiveExitsTraining + counts.otherPositiveExits).toBe(reference.positiveExits);
      expect(counts.dropouts + counts.movedDiedRetired + counts.otherExits).toBe(reference.exitsWithoutFollowUp);
      expect(counts.entries + counts.carriedOver).toBe(reference.inPathway);
    }
    expect(PLIE_2017_TABLE1.men.entries + PLIE_2017_TABLE1.women.entries).toBe(PLIE_2017_TABLE1.total.entries);
    expect(CLAUSE_2017.insertionHours.changePct).toBe(14.9);
  });

  describe(`at scale ${SCALE}`, () => {
    let context: INestApplicationContext;
    let close: () => Promise<void>;
    let report: ConsolidationReport;
    const targets = datasetTargets(SCALE);

    beforeAll(async () => {
      ({ context, close } = await startTestContext({ runWorkers: true }));
      const directory = mkdtempSync(join(tmpdir(), 'ct-national-'));
      await generateNationalDataset(directory, SCALE);
      for (const kind of IMPORT_KINDS) {
        const answer = await context.get(ImportsService).run(kind, join(directory, `${kind}.csv`), { scope: { kind: 'all' }, actor: { id: null, label: 'test' } });
        if ('errors' in answer) throw new Error(`${kind}: ${JSON.stringify(answer.errors.slice(0, 3))}`);
      }
      report = await consolidate();
    }, 180_000);

    async function consolidate(): Promise<ConsolidationReport> {
      const consolidations = context.get(ConsolidationService);
      const { id } = await consolidations.request(COMMAND_LINE, { year: 2017, scope: { kind: 'national' } });
      await waitFor(() => consolidations.get(COMMAND_LINE, id), (status) => status.status === 'DONE', 60_000);
      return consolidations.report(COMMAND_LINE, id);
    }

    afterAll(() => close());

    it('consolidates to the scaled 2017 clause headline and PLIE Table 1 totals, men and women', () => {
      const { headline } = report.clause;
      expect(headline.insertionHours).toMatchObject({ value: Number(targets.clause.insertionHours.value), previous: Number(targets.clause.insertionHours.previous), changePct: 14.9 });
      expect(headline.workContracts).toMatchObject({ value: targets.clause.workContracts.value, previous: targets.clause.workContracts.previous });
      expect(headline.participants).toMatchObject({ value: targets.clause.participants.value, previous: targets.clause.participants.previous });
      expect(headline.companies).toMatchObject({ value: targets.clause.companies.value, previous: targets.clause.companies.previous });
      expect(headline.buyers.value).toBe(targets.clause.buyers);
      expect(headline.operations.value).toBe(targets.clause.operations);
      expect(headline.markets.value).toBe(targets.clause.markets);
      expect(report.reportingStructures).toHaveLength(targets.structures);

      const row = (category: string) => report.plie!.table1.find((found) => found.category === category)!;
      const expected = (counts: (typeof targets.plie)['men']) => ({
        entries: counts.entries,
        carriedOver: counts.carriedOver,
        inPathway: counts.entries + counts.carriedOver,
        positiveExits: counts.positiveExitsEmployment + counts.positiveExitsTraining + counts.otherPositiveExits,
        positiveExitsEmployment: counts.positiveExitsEmployment,
        positiveExitsTraining: counts.positiveExitsTraining,
        exitsWithoutFollowUp: counts.dropouts + counts.movedDiedRetired + counts.otherExits,
        dropouts: counts.dropouts,
        movedDiedRetired: counts.movedDiedRetired,
        otherExits: counts.otherExits,
      });
      const men = expected(targets.plie.men);
      const women = expected(targets.plie.women);
      expect(row('men')).toMatchObject(men);
      expect(row('women')).toMatchObject(women);
      expect(row('total')).toMatchObject(Object.fromEntries(Object.entries(men).map(([name, value]) => [name, value + women[name as keyof typeof women]])));
      // The published rates (43 %, 41 %, 45 %) move by less than a point with the rounding of the scaled counts.
      for (const category of ['total', 'men', 'women'] as const) {
        expect(Math.abs(row(category).positiveExitRatePct! - PLIE_2017_TABLE1[category].positiveExitRatePct)).toBeLessThanOrEqual(1);
      }
    });

    it('reproduces Table 1BIS of 2014 to 2017, with the cumulative results as their sums', () => {
      const plie = report.plie!;
      const scaled2017 = {
        entries: targets.plie.men.entries + targets.plie.women.entries,
        positiveExits: sum2017((counts) => counts.positiveExitsEmployment + counts.positiveExitsTraining + counts.otherPositiveExits),
        employmentExits: sum2017((counts) => counts.positiveExitsEmployment),
        exitsWithoutFollowUp: sum2017((counts) => counts.dropouts + counts.movedDiedRetired + counts.otherExits),
      };
      expect(plie.years).toEqual([2014, 2015, 2016, 2017]);
      expect(plie.yearsWithoutPathwayData).toEqual([]);
      expect(plie.table1bis.totals).toEqual([
        { year: 2014, ...targets.plieYears['2014'] },
        { year: 2015, ...targets.plieYears['2015'] },
        { year: 2016, ...targets.plieYears['2016'] },
        { year: 2017, ...scaled2017 },
        {
          year: 'total',
          ...Object.fromEntries(Object.keys(scaled2017).map((name) => {
            const measure = name as keyof typeof scaled2017;
            return [name, scaled2017[measure] + (['2014', '2015', '2016'] as const).reduce((total, year) => total + targets.plieYears[year][measure], 0)];
          })),
        },
      ]);
      const total = plie.table1bis.totals[4]!;
      expect(plie.cumulative).toMatchObject({ fromYear: 2014, toYear: 2017, entries: total.entries, positiveExits: total.positiveExits, exitsWithoutFollowUp: total.exitsWithoutFollowUp });
      // At scale 1 the published cumulative rates: 41 % of entries, 40 % of exits.
      expect(Math.abs(plie.cumulative.positiveExitsPerEntryPct! - 41.2)).toBeLessThanOrEqual(1);
      expect(Math.abs(plie.cumulative.positiveExitRatePct! - 40.2)).toBeLessThanOrEqual(1);
      const men = plie.table1bis.shares.find((row) => row.category === 'men')!;
      const women = plie.table1bis.shares.find((row) => row.category === 'women')!;
      expect(men.entriesPct['2017']! + women.entriesPct['2017']!).toBeCloseTo(100, 0);
      expect(plie.ratesByCategory.find((row) => row.group === 'all')!.positiveExitRatePct['2017']).toBe(report.plie!.table1[0]!.positiveExitRatePct);
    });

    it('reproduces Tables 4 and 5 (people in insertion structures, all and funded by the PLIE)', () => {
      const plie = report.plie!;
      for (const [kind, target] of Object.entries(targets.insertionStructures)) {
        expect(plie.table4.find((row) => row.structureKind === kind.toLowerCase())).toMatchObject({ total: target.total, men: target.men, women: target.total - target.men });
        expect(plie.table5.find((row) => row.structureKind === kind.toLowerCase())).toMatchObject({ total: target.funded, men: target.fundedMen });
      }
      const all = Object.values(targets.insertionStructures);
      expect(plie.table4.at(-1)).toMatchObject({ structureKind: 'total', total: all.reduce((sum, row) => sum + row.total, 0), menSharePct: 100, womenSharePct: 100 });
    });

    it('reproduces the questionnaire: Table 6 amounts, Table 7 rows, Table 10 items, each with its respondents', () => {
      const plie = report.plie!;
      const { FINANCING, ALLOCATIONS, ORGANISATION } = targets.questionnaire;
      for (const { item, values, respondents } of FINANCING) {
        const [section, key] = item.split('.');
        const row = plie.table6.find((found) => found.section === section && found.item === key)!;
        for (const [measure, value] of Object.entries(values)) expect(row[measure as 'direct' | 'indirect' | 'total']).toBe(value);
        expect(row.respondents).toBe(respondents);
      }
      // Computed rows: a mobilised row's total is direct + indirect, the subtotals their rows' sums.
      const axis3 = FINANCING.filter((row) => row.item.startsWith('axis_3.'));
      const axis3Total = axis3.reduce((sum, row) => sum + (row.values.direct ?? 0) + (row.values.indirect ?? 0), 0);
      expect(plie.table6.find((row) => row.item === 'subtotal_axis_3')!.total).toBe(axis3Total);
      expect(plie.respondents.table6).toBe(Math.max(...FINANCING.map((row) => row.respondents)));
      for (const { item, values, respondents } of ALLOCATIONS) {
        expect(plie.table7.find((row) => row.recipientKind === item)).toMatchObject({ total: values.total, esf: values.esf, respondents });
      }
      expect(plie.table7.find((row) => row.recipientKind === 'total')!.total).toBe(ALLOCATIONS.reduce((sum, row) => sum + row.values.total!, 0));
      for (const { item, values, respondents } of ORGANISATION) {
        expect(plie.table10.find((row) => row.item === item)).toMatchObject({ value: values.value, amountEur: values.amount_eur ?? null, respondents });
      }
      const referents = ORGANISATION.filter((row) => row.item.startsWith('pathway_referents_'));
      expect(plie.table10.find((row) => row.item === 'pathway_referents')).toMatchObject({ value: referents.reduce((sum, row) => sum + row.values.value!, 0), respondents: referents[0]!.respondents });
      // Table 6BIS: the four years of Table 6, both axes together.
      const bis = plie.table6bis.find((row) => row.item === 'local_authorities')!;
      expect(bis.direct).toBeGreaterThan(plie.table6.filter((row) => row.item === 'local_authorities').reduce((sum, row) => sum + row.direct!, 0));
    });

    it('gives the same consolidation after the identities of people inactive for five years are erased', async () => {
      const dataSource = context.get(DataSource);
      // The dataset carries no identities: every person is given one, as a structure's records would.
      await dataSource.query(`UPDATE participant SET last_name = 'Nom-' || ref, first_name = 'Prénom', postcode = '69001'`);
      const summary = await context.get(ParticipantsRetention).runDay('2031-01-01');
      const [counts]: { erased: number; kept: number }[] = await dataSource.query(
        `SELECT count(*) FILTER (WHERE last_name IS NULL)::int AS erased, count(*) FILTER (WHERE last_name IS NOT NULL)::int AS kept FROM participant`,
      );
      expect(counts!.erased).toBeGreaterThan(1000 * SCALE);
      expect(summary).toBe(`${counts!.erased} identité(s) de participant(s) sans activité depuis 5 ans effacée(s)`);
      const after = await consolidate();
      const { snapshotId: _before, generatedAt: _at, ...figures } = report;
      const { snapshotId: _after, generatedAt: _again, ...figuresAfter } = after;
      expect(figuresAfter).toEqual(figures);
    }, 120_000);
  });
});
