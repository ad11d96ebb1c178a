import { createHash } from 'node:crypto';
import { fromUnits, toUnits } from '../../platform/records/decimals';
import { cellsToMask, isSmallCount } from '../../platform/privacy/small-counts';
import { BREAKDOWN_NAMES, BreakdownName, HeadlineName } from './consolidation.labels';

export const SCOPE_KINDS = ['national', 'structure', 'buyer'] as const;
export type ScopeKind = (typeof SCOPE_KINDS)[number];

/** The scope as written in the report: the structure's reference or the buyer's SIRET, null nationally. */
export interface ReportScope {
  kind: ScopeKind;
  ref: string | null;
}

export const CONSOLIDATION_STATUSES = ['QUEUED', 'RUNNING', 'DONE', 'FAILED'] as const;
export type ConsolidationStatus = (typeof CONSOLIDATION_STATUSES)[number];

export interface HeadlineFigure {
  value: number | null;
  previous: number | null;
  changePct: number | null;
}

export interface BreakdownRow {
  key: string;
  label: string;
  participants: number | null;
  workContracts: number | null;
  insertionHours: number | null;
  /** Shares of the scope's participants and of its insertion hours, in %, so a reader knows which one a share is. */
  participantsSharePct: number | null;
  insertionHoursSharePct: number | null;
}

export interface Table1Counts {
  entries: number;
  inPathway: number;
  carriedOver: number;
  positiveExits: number;
  positiveExitsEmployment: number;
  positiveExitsTraining: number;
  exitsWithoutFollowUp: number;
  dropouts: number;
  movedDiedRetired: number;
  otherExits: number;
}

/** A Table 1 row: its category, its counts, the rates derived from them and the year-end stock. */
export interface Table1Row extends Table1Counts {
  group: string;
  category: string;
  positiveExitRatePct: number | null;
  positiveExitRateExclMovesPct: number | null;
  positiveExitsPerEntryPct: number | null;
  stillInPathwayAtYearEnd: number;
}

export interface Table2Row {
  stepKind: string;
  total: number;
  men: number;
  women: number;
  /** Steps of this kind per participant in pathway during the year. */
  meanPerParticipant: number | null;
}

export interface Table3Row {
  exitKind: string;
  category: string;
  pathways: number;
  meanMonths: number | null;
}

export interface ConsolidationReport {
  year: number;
  scope: ReportScope;
  snapshotId: string;
  generatedAt: string;
  dataFingerprint: string;
  /** The structures with data for the year: a figure is only as complete as the structures that reported. */
  reportingStructures: { ref: string; name: string }[];
  clause: {
    headline: Record<HeadlineName, HeadlineFigure>;
    breakdowns: Record<BreakdownName, BreakdownRow[]>;
  };
  plie?: PlieReport;
}

/** A figure of each year of Y−3…Y (keys `"2014"`…) and, for shares, of the four years together (`"total"`). */
export type ByYear = Record<string, number | null>;

export interface ShareRow {
  group: string;
  category: string;
  entriesPct: ByYear;
  positiveExitsPct: ByYear;
  employmentExitsPct: ByYear;
  exitsWithoutFollowUpPct: ByYear;
}

export interface RateRow {
  group: string;
  category: string;
  dropoutRatePct: ByYear;
  positiveExitRatePct: ByYear;
}

export interface InsertionStructureRow {
  structureKind: string;
  total: number;
  men: number;
  women: number;
  /** Shares of the men (women) of all kinds: a person with steps in two kinds counts in each, as the report does. */
  menSharePct: number | null;
  womenSharePct: number | null;
}

/** A row of Table 8 or 9: a share of the exits whose item is known; the `unknown` row has counts only. */
export interface DetailRow {
  dimension: string;
  category: string;
  total: number;
  men: number;
  women: number;
  totalPct: number | null;
  menPct: number | null;
  womenPct: number | null;
}

export interface FinancingRow {
  section: string;
  item: string;
  total: number | null;
  direct: number | null;
  indirect: number | null;
}

/** The PLIE part of a report: the national PLIE report's Tables 1 to 10 (`CONSOLIDATION-FORMAT.md`). */
export interface PlieReport {
  table1: Table1Row[];
  table2: Table2Row[];
  table3: Table3Row[];
  /** Per table, the structures whose data for the year entered it. */
  respondents: Record<string, number>;
  years: number[];
  /** The years of `years` without any pathway data in the scope (their figures are zeros). */
  yearsWithoutPathwayData: number[];
  table1bis: {
    totals: { year: number | 'total'; entries: number; positiveExits: number; employmentExits: number; exitsWithoutFollowUp: number }[];
    shares: ShareRow[];
  };
  ratesByCategory: RateRow[];
  cumulative: {
    fromYear: number;
    toYear: number;
    entries: number;
    positiveExits: number;
    exitsWithoutFollowUp: number;
    participantsInPathway: number;
    positiveExitsPerEntryPct: number | null;
    positiveExitRatePct: number | null;
    positiveExitRateExclMovesPct: number | null;
  };
  table4: InsertionStructureRow[];
  table5: InsertionStructureRow[];
  table6: (FinancingRow & { respondents: number })[];
  table6bis: FinancingRow[];
  table7: { group: string; recipientKind: string; total: number; esf: number; respondents: number }[];
  table8: DetailRow[];
  table9: DetailRow[];
  table10: { item: string; value: number; amountEur: number | null; respondents: number }[];
}

/**
 * numerator ÷ denominator (× `multiplier`), rounded half away from zero to `decimals` places, computed on exact
 * decimals (hours are `numeric` texts); null when the denominator is 0.
 */
export function quotient(numerator: number | string, denominator: number | string, decimals: number, multiplier = 1n): number | null {
  const den = toUnits(String(denominator));
  if (den === 0n) return null;
  const text = String(numerator);
  const negative = text.startsWith('-');
  const num = toUnits(negative ? text.slice(1) : text);
  const scaled = num * multiplier * 10n ** BigInt(decimals);
  const rounded = (2n * scaled + den) / (2n * den);
  return ((negative ? -1 : 1) * Number(rounded)) / 10 ** decimals;
}

/** numerator ÷ denominator × 100, as every rate and share of the report. */
export function percentage(numerator: number | string, denominator: number | string, decimals: number): number | null {
  return quotient(numerator, denominator, decimals, 100n);
}

/** The change on last year, in %, two decimals; null when last year had nothing to compare with. */
export function headlineFigure(value: number | string, previous: number | string): HeadlineFigure {
  const difference = toUnits(String(value)) - toUnits(String(previous));
  const change = difference < 0n ? `-${fromUnits(-difference)}` : fromUnits(difference);
  return { value: Number(value), previous: Number(previous), changePct: percentage(change, previous, 2) };
}

/** A breakdown with every category of its list, in that order (zeros included), then any unexpected key. */
export function completeBreakdown(
  rows: { key: string; participants: number; workContracts: number; insertionHours: string }[],
  labels: Record<string, string>,
  totals: { participants: number; insertionHours: string },
): BreakdownRow[] {
  const byKey = new Map(rows.map((row) => [row.key, row]));
  const keys = [...Object.keys(labels), ...rows.map((row) => row.key).filter((key) => !(key in labels))];
  return keys.map((key) => {
    const row = byKey.get(key) ?? { key, participants: 0, workContracts: 0, insertionHours: '0' };
    return {
      key,
      label: labels[key] ?? key,
      participants: row.participants,
      workContracts: row.workContracts,
      insertionHours: Number(row.insertionHours),
      participantsSharePct: percentage(row.participants, totals.participants, 1),
      insertionHoursSharePct: percentage(row.insertionHours, totals.insertionHours, 1),
    };
  });
}

/** The rates and the year-end stock of a Table 1 row, from its counts (DOMAIN.md, PLIE indicators). */
export function table1Row(group: string, category: string, counts: Table1Counts): Table1Row {
  const exits = counts.positiveExits + counts.exitsWithoutFollowUp;
  return {
    group,
    category,
    ...counts,
    positiveExitRatePct: percentage(counts.positiveExits, exits, 1),
    positiveExitRateExclMovesPct: percentage(counts.positiveExits, exits - counts.movedDiedRetired, 1),
    positiveExitsPerEntryPct: percentage(counts.positiveExits, counts.entries, 1),
    stillInPathwayAtYearEnd: counts.inPathway - exits,
  };
}

function maskRow(row: BreakdownRow): BreakdownRow {
  return { ...row, participants: null, workContracts: null, insertionHours: null, participantsSharePct: null, insertionHoursSharePct: null };
}

/**
 * What a buyer may read: the clause part only, every breakdown row about 1 to 4 participants masked, and when a
 * breakdown has exactly one masked row, its smallest other non-zero row too, so that the total does not give the
 * masked one away. The headline's participants are masked the same way.
 */
export function maskForBuyer(report: ConsolidationReport): ConsolidationReport {
  const breakdowns = Object.fromEntries(
    Object.entries(report.clause.breakdowns).map(([name, rows]) => {
      const masked = cellsToMask(rows.map((row) => row.participants));
      return [name, rows.map((row, index) => (masked.has(index) ? maskRow(row) : row))];
    }),
  ) as ConsolidationReport['clause']['breakdowns'];
  const participants = report.clause.headline.participants;
  const shownParticipants: HeadlineFigure = {
    value: isSmallCount(participants.value) ? null : participants.value,
    previous: isSmallCount(participants.previous) ? null : participants.previous,
    changePct: isSmallCount(participants.value) || isSmallCount(participants.previous) ? null : participants.changePct,
  };
  const { plie: _omitted, ...clauseOnly } = report;
  return { ...clauseOnly, clause: { headline: { ...report.clause.headline, participants: shownParticipants }, breakdowns } };
}

/** Every figure of a report by a stable path (`plie.table1.gender/men.entries`), to compare two snapshots. */
export function figuresOf(report: ConsolidationReport): Map<string, number | null> {
  const figures = new Map<string, number | null>();
  const put = (prefix: string, row: object, skip: string[]) => {
    for (const [name, value] of Object.entries(row)) {
      if (!skip.includes(name) && (typeof value === 'number' || value === null)) figures.set(`${prefix}.${name}`, value);
    }
  };
  for (const [name, figure] of Object.entries(report.clause.headline)) put(`clause.headline.${name}`, figure, []);
  for (const name of BREAKDOWN_NAMES) {
    for (const row of report.clause.breakdowns[name] ?? []) put(`clause.breakdowns.${name}.${row.key}`, row, []);
  }
  // A PLIE row is named by its text fields (`plie.table1.gender/men.entries`) or its year; lists of plain values
  // (the years covered) are not figures.
  const flatten = (path: string, value: unknown): void => {
    if (typeof value === 'number' || value === null) figures.set(path, value);
    else if (Array.isArray(value)) {
      for (const row of value) {
        if (typeof row !== 'object' || row === null) continue;
        const keys = Object.entries(row).filter(([name, cell]) => typeof cell === 'string' || name === 'year');
        const rest = Object.fromEntries(Object.entries(row).filter(([name, cell]) => !(typeof cell === 'string' || name === 'year')));
        flatten(`${path}.${keys.map(([, cell]) => String(cell)).join('/')}`, rest);
      }
    } else if (typeof value === 'object') {
      for (const [name, cell] of Object.entries(value)) flatten(`${path}.${name}`, cell);
    }
  };
  if (report.plie) flatten('plie', report.plie);
  figures.set('reportingStructures', report.reportingStructures.length);
  return figures;
}

export interface FigureChange {
  figure: string;
  before: number | null;
  after: number | null;
}

/** The figures that differ between two reports (present in one only counts as a change from or to null). */
export function changedFigures(before: ConsolidationReport, after: ConsolidationReport): FigureChange[] {
  const a = figuresOf(before);
  const b = figuresOf(after);
  const paths = [...new Set([...a.keys(), ...b.keys()])];
  return paths
    .filter((path) => (a.get(path) ?? null) !== (b.get(path) ?? null) || a.has(path) !== b.has(path))
    .map((path) => ({ figure: path, before: a.get(path) ?? null, after: b.get(path) ?? null }));
}

/** A digest of the figures alone (not of when or by whom they were computed). */
export function figuresFingerprint(report: ConsolidationReport): string {
  return createHash('sha256').update(JSON.stringify([...figuresOf(report)])).digest('hex');
}

/** The name a report's download takes: `consolidation-2017-structure-PLIE-SUD.xlsx`. */
export function reportFileName(report: ConsolidationReport, extension: string): string {
  return `consolidation-${report.year}-${report.scope.kind}${report.scope.ref ? `-${report.scope.ref}` : ''}.${extension}`;
}
