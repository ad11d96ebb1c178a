import { BREAKDOWN_LABELS, BreakdownName, HeadlineName, HEADLINE_LABELS, monthLabels } from './consolidation.labels';
import { plieReport } from './consolidation.plie-report';
import type { ConsolidationFigures } from './consolidation.repository';
import {
  BreakdownRow,
  completeBreakdown,
  ConsolidationReport,
  headlineFigure,
  HeadlineFigure,
  maskForBuyer,
  ReportScope,
} from './consolidation.rules';

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
  if (figures.plie) report.plie = plieReport(figures.plie, meta.year);
  return meta.scope.kind === 'buyer' ? maskForBuyer(report) : report;
}
