import { BREAKDOWN_LABELS, BreakdownName, HeadlineName, HEADLINE_LABELS, monthLabels, STEP_LABELS, TABLE1_ROWS, TABLE3_CATEGORIES, TABLE3_EXIT_KINDS } from './consolidation.labels';
import type { ConsolidationFigures } from './consolidation.repository';
import {
  BreakdownRow,
  completeBreakdown,
  ConsolidationReport,
  headlineFigure,
  HeadlineFigure,
  maskForBuyer,
  quotient,
  ReportScope,
  table1Row,
  Table2Row,
  Table3Row,
} from './consolidation.rules';

const ZERO_TABLE1 = {
  entries: 0, inPathway: 0, carriedOver: 0, positiveExits: 0, positiveExitsEmployment: 0, positiveExitsTraining: 0,
  exitsWithoutFollowUp: 0, dropouts: 0, movedDiedRetired: 0, otherExits: 0,
};

/**
 * The report of `CONSOLIDATION-FORMAT.md` from the counts PostgreSQL returned: every category present (zeros
 * included), rates computed on exact values, and a buyer's report reduced to its masked clause part.
 */
export function buildReport(figures: ConsolidationFigures, meta: { year: number; scope: ReportScope; snapshotId: string; generatedAt: Date }): ConsolidationReport {
  const headline = Object.fromEntries(
    (Object.keys(HEADLINE_LABELS) as HeadlineName[]).map((name) => [name, headlineFigure(figures.headline[name], figures.previousHeadline[name])]),
  ) as Record<HeadlineName, HeadlineFigure>;
  const totals = { participants: figures.headline.participants, insertionHours: figures.headline.insertionHours };
  const breakdowns = Object.fromEntries(
    (Object.keys(BREAKDOWN_LABELS) as Exclude<BreakdownName, 'month'>[]).map((name) => [
      name,
      completeBreakdown(figures.breakdowns.filter((row) => row.breakdown === name), BREAKDOWN_LABELS[name], totals),
    ]),
  ) as Record<BreakdownName, BreakdownRow[]>;
  const ordered = {
    public: breakdowns.public, gender: breakdowns.gender, ageBand: breakdowns.ageBand, qualificationLevel: breakdowns.qualificationLevel,
    qpvResident: breakdowns.qpvResident, buyerKind: breakdowns.buyerKind, sector: breakdowns.sector, legalBasis: breakdowns.legalBasis,
    fulfilmentMode: breakdowns.fulfilmentMode, contractKind: breakdowns.contractKind,
    month: completeBreakdown(figures.months, monthLabels(meta.year), totals),
    prescriber: breakdowns.prescriber,
  };
  const report: ConsolidationReport = {
    year: meta.year,
    scope: meta.scope,
    snapshotId: meta.snapshotId,
    generatedAt: meta.generatedAt.toISOString(),
    dataFingerprint: figures.dataFingerprint,
    reportingStructures: figures.reportingStructures,
    clause: { headline, breakdowns: ordered },
  };
  if (figures.plie) report.plie = plieTables(figures.plie);
  return meta.scope.kind === 'buyer' ? maskForBuyer(report) : report;
}

function plieTables(plie: NonNullable<ConsolidationFigures['plie']>): NonNullable<ConsolidationReport['plie']> {
  const table1 = TABLE1_ROWS.map(({ group, category }) => {
    const row = plie.table1.find((found) => found.group === group && found.category === category);
    const { group: _g, category: _c, ...counts } = row ?? { group, category, ...ZERO_TABLE1 };
    return table1Row(group, category, counts);
  });
  const participants = plie.table2[0]?.participants ?? 0;
  const table2: Table2Row[] = Object.keys(STEP_LABELS).map((stepKind) => {
    const row = plie.table2.find((found) => found.stepKind === stepKind) ?? { total: 0, men: 0, women: 0 };
    return { stepKind, total: row.total, men: row.men, women: row.women, meanPerParticipant: quotient(row.total, participants, 2) };
  });
  const table3: Table3Row[] = Object.keys(TABLE3_EXIT_KINDS).flatMap((exitKind) =>
    Object.keys(TABLE3_CATEGORIES).map((category) => {
      const row = plie.table3.find((found) => found.exitKind === exitKind && found.category === category);
      return { exitKind, category, pathways: row?.pathways ?? 0, meanMonths: row ? Number(row.meanMonths) : null };
    }),
  );
  return { table1, table2, table3 };
}
