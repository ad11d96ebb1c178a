import { BREAKDOWN_LABELS } from './consolidation.labels';
import { buildReport } from './consolidation.report';
import type { ConsolidationFigures } from './consolidation.repository';
import { BreakdownRow, changedFigures, completeBreakdown, ConsolidationReport, headlineFigure, maskForBuyer, percentage, quotient, table1Row } from './consolidation.rules';
import { reportCsv } from './render/report-csv';
import { reportHtml } from './render/report-html';

const HEADLINE = { insertionHours: '13279000.00', workContracts: 48585, participants: 34274, buyers: 2400, operations: 8186, markets: 34022, companies: 17896 };
const PREVIOUS = { insertionHours: '11557006', workContracts: 43901, participants: 29192, buyers: 0, operations: 8000, markets: 30000, companies: 15837 };

function figures(overrides: Partial<ConsolidationFigures> = {}): ConsolidationFigures {
  return {
    dataFingerprint: 'abc',
    headline: HEADLINE,
    previousHeadline: PREVIOUS,
    breakdowns: [
      { breakdown: 'gender', key: 'F', participants: 3, workContracts: 4, insertionHours: '120.50' },
      { breakdown: 'gender', key: 'M', participants: 40, workContracts: 50, insertionHours: '2000' },
    ],
    months: [{ key: '2017-03', participants: 5, workContracts: 6, insertionHours: '10.25' }],
    reportingStructures: [{ ref: 'PLIE-SUD', name: 'PLIE Sud' }],
    plie: { flows: [], table2: [], table3: [], insertionStructures: [], exitDetails: [], questionnaire: [], structures: 0 },
    ...overrides,
  };
}

const meta = (kind: 'national' | 'buyer') => ({ year: 2017, scope: { kind, ref: kind === 'buyer' ? '21690123100011' : null }, snapshotId: 'snap', generatedAt: new Date('2018-06-01T10:00:00Z') });

describe('consolidation rules', () => {
  it('rounds rates half away from zero on exact decimals, null without a denominator', () => {
    expect(percentage(13618, 31373, 1)).toBe(43.4);
    expect(percentage(13618, 31373 - 2518, 1)).toBe(47.2);
    expect(percentage(1, 8, 1)).toBe(12.5);
    expect(percentage(1, 16, 1)).toBe(6.3);
    expect(percentage('0.1', '0.3', 2)).toBe(33.33);
    expect(percentage(5, 0, 1)).toBeNull();
    expect(quotient(185999, 100550, 2)).toBe(1.85);
  });

  it('gives the change on last year with two decimals, negative when it fell, null from zero', () => {
    expect(headlineFigure('13279000.00', '11557006')).toEqual({ value: 13279000, previous: 11557006, changePct: 14.9 });
    expect(headlineFigure(48585, 43901).changePct).toBe(10.67);
    expect(headlineFigure(17896, 15837).changePct).toBe(13);
    expect(headlineFigure(90, 100).changePct).toBe(-10);
    expect(headlineFigure('99.5', '100').changePct).toBe(-0.5);
    expect(headlineFigure(12, 0).changePct).toBeNull();
  });

  it('derives the Table 1 rates and the year-end stock from the counts', () => {
    const row = table1Row('all', 'total', {
      entries: 32306, inPathway: 100550, carriedOver: 68244, positiveExits: 13618, positiveExitsEmployment: 10484, positiveExitsTraining: 2450,
      exitsWithoutFollowUp: 17755, dropouts: 6363, movedDiedRetired: 2518, otherExits: 8874,
    });
    expect(row).toMatchObject({ positiveExitRatePct: 43.4, positiveExitRateExclMovesPct: 47.2, positiveExitsPerEntryPct: 42.2, stillInPathwayAtYearEnd: 69177 });
  });

  it('lists every category of a breakdown, zeros included, with shares of participants and of hours', () => {
    const rows = completeBreakdown([{ key: 'M', participants: 3, workContracts: 4, insertionHours: '75' }], BREAKDOWN_LABELS.gender, { participants: 4, insertionHours: '100' });
    expect(rows).toEqual([
      { key: 'F', label: 'Femmes', participants: 0, workContracts: 0, insertionHours: 0, participantsSharePct: 0, insertionHoursSharePct: 0 },
      { key: 'M', label: 'Hommes', participants: 3, workContracts: 4, insertionHours: 75, participantsSharePct: 75, insertionHoursSharePct: 75 },
    ]);
  });

  it('builds the report with every Table 1 row and every month, in the contract order', () => {
    const report = buildReport(figures(), meta('national'));
    expect(report.generatedAt).toBe('2018-06-01T10:00:00.000Z');
    expect(report.plie!.table1).toHaveLength(32);
    expect(report.plie!.table1[0]).toMatchObject({ group: 'all', category: 'total', entries: 0, positiveExitRatePct: null });
    expect(report.clause.breakdowns.month.map((row) => row.key)).toEqual(Array.from({ length: 12 }, (_, i) => `2017-${String(i + 1).padStart(2, '0')}`));
    expect(report.clause.breakdowns.month[2]).toMatchObject({ participants: 5, insertionHours: 10.25 });
    expect(report.plie!.table2[0]).toEqual({ stepKind: 'ALL', total: 0, men: 0, women: 0, meanPerParticipant: null });
  });

  it('masks, for a buyer, rows of 1 to 4 people, one more row when only one is masked, and drops the PLIE part', () => {
    const row = (key: string, participants: number): BreakdownRow => ({ key, label: key, participants, workContracts: participants, insertionHours: participants * 10, participantsSharePct: 1, insertionHoursSharePct: 1 });
    const national = buildReport(figures(), meta('national'));
    const report: ConsolidationReport = {
      ...national,
      clause: { ...national.clause, headline: { ...national.clause.headline, participants: { value: 3, previous: 12, changePct: -75 } }, breakdowns: { ...national.clause.breakdowns, gender: [row('F', 3), row('M', 40)], sector: [row('A', 0), row('B', 2), row('C', 7), row('D', 9)], qpvResident: [row('YES', 2), row('NO', 4)] } },
    };
    const masked = maskForBuyer(report);
    expect(masked.plie).toBeUndefined();
    expect(masked.clause.headline.participants).toEqual({ value: null, previous: 12, changePct: null });
    // F alone would be given away by the total: M is masked too.
    expect(masked.clause.breakdowns.gender.map((r) => r.participants)).toEqual([null, null]);
    expect(masked.clause.breakdowns.gender[0]).toMatchObject({ workContracts: null, insertionHours: null, participantsSharePct: null });
    expect(masked.clause.breakdowns.sector.map((r) => r.participants)).toEqual([0, null, null, 9]);
    expect(masked.clause.breakdowns.qpvResident.map((r) => r.participants)).toEqual([null, null]);
  });

  it('lists the figures that changed between two reports, by path', () => {
    const before = buildReport(figures(), meta('national'));
    const after = buildReport(figures({ headline: { ...HEADLINE, markets: 34023 } }), meta('national'));
    // The change on 2016 stays 13.41 %: only the value is listed.
    expect(changedFigures(before, after)).toEqual([{ figure: 'clause.headline.markets.value', before: 34022, after: 34023 }]);
    expect(changedFigures(before, before)).toEqual([]);
  });
});

describe('report renderings', () => {
  const report = buildReport(figures(), meta('national'));

  it('writes a table as a French CSV: semicolons, decimal commas, headers in French, BOM', () => {
    const csv = reportCsv(report, 'repartition-sexe')!;
    expect(csv.startsWith('\uFEFFCatégorie;Participants;Part des participants (%);Contrats de travail;Heures d’insertion;Part des heures (%)\r\n')).toBe(true);
    expect(csv).toContain('Femmes;3;0;4;120,5;0\r\n');
    expect(reportCsv(report, 'inconnu')).toBeUndefined();
  });

  it('renders a self-contained printable HTML report with its charts', () => {
    const html = reportHtml(report);
    expect(html).toContain('Clauses sociales d’insertion : consolidation 2017');
    expect(html).toMatch(/13\s279\s000 h/);
    expect(html).toMatch(/▲ \+14,90\s%/);
    expect(html.match(/<svg /g)).toHaveLength(6);
    expect(html).toContain('@page');
    expect(html).not.toMatch(/<script|<link/);
  });

  it('escapes what the data carries into the page', () => {
    const html = reportHtml({ ...report, reportingStructures: [{ ref: 'X', name: '<script>alert(1)</script>' }] });
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('&lt;script&gt;');
  });
});
