import type { ConsolidationReport } from '../src/modules/consolidation/consolidation.rules';
import type { DatasetTargets } from './national-dataset';

/**
 * The PLIE figures of a 2017 consolidation of the team's dataset that differ from its targets (Table 1BIS's totals,
 * Tables 4 and 5, the questionnaire's Tables 6, 7 and 10 with their respondents), each said in one line; none when
 * the report reproduces them.
 */
export function plieDifferences(report: ConsolidationReport, targets: DatasetTargets): string[] {
  const plie = report.plie;
  if (!plie) return ['no PLIE part'];
  const differences: string[] = [];
  const compare = (what: string, found: unknown, expected: unknown) => {
    if (found !== expected) differences.push(`${what}: ${String(found)} instead of ${String(expected)}`);
  };
  for (const year of ['2014', '2015', '2016'] as const) {
    const row = plie.table1bis.totals.find((found) => found.year === Number(year));
    for (const [measure, value] of Object.entries(targets.plieYears[year])) compare(`table1bis ${year} ${measure}`, row?.[measure as keyof typeof row], value);
  }
  const { men, women } = targets.plie;
  const of2017 = plie.table1bis.totals.find((found) => found.year === 2017);
  compare('table1bis 2017 entries', of2017?.entries, men.entries + women.entries);
  compare('table1bis 2017 employmentExits', of2017?.employmentExits, men.positiveExitsEmployment + women.positiveExitsEmployment);
  for (const [kind, target] of Object.entries(targets.insertionStructures)) {
    const key = kind.toLowerCase();
    compare(`table4 ${key}`, plie.table4.find((row) => row.structureKind === key)?.total, target.total);
    compare(`table5 ${key}`, plie.table5.find((row) => row.structureKind === key)?.total, target.funded);
  }
  for (const { item, values, respondents } of targets.questionnaire.FINANCING) {
    const [section, key] = item.split('.');
    const row = plie.table6.find((found) => found.section === section && found.item === key);
    for (const [measure, value] of Object.entries(values)) compare(`table6 ${item} ${measure}`, row?.[measure as 'direct' | 'indirect' | 'total'], value);
    compare(`table6 ${item} respondents`, row?.respondents, respondents);
  }
  for (const { item, values, respondents } of targets.questionnaire.ALLOCATIONS) {
    const row = plie.table7.find((found) => found.recipientKind === item);
    compare(`table7 ${item} total`, row?.total, values.total);
    compare(`table7 ${item} esf`, row?.esf, values.esf);
    compare(`table7 ${item} respondents`, row?.respondents, respondents);
  }
  for (const { item, values, respondents } of targets.questionnaire.ORGANISATION) {
    const row = plie.table10.find((found) => found.item === item);
    compare(`table10 ${item} value`, row?.value, values.value);
    compare(`table10 ${item} amount`, row?.amountEur, values.amount_eur ?? null);
    compare(`table10 ${item} respondents`, row?.respondents, respondents);
  }
  return differences;
}
