import type JSZipClass from 'jszip';
import type { ConsolidationReport } from '../consolidation.rules';
import { ReportTable, reportTables } from './report-tables';

const SEPARATOR = ';';

function csvCell(value: string | number | null): string {
  if (value === null) return '';
  // Decimal commas, as a French spreadsheet reads them; no thousands separator, so the value stays a number.
  const text = typeof value === 'number' ? String(value).replace('.', ',') : value;
  return /[;"\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One table as a CSV file: `;`-separated, decimal commas, UTF-8 with a BOM so that Excel reads the accents. */
export function tableCsv(table: ReportTable): string {
  const lines = [table.columns.map((column) => column.header), ...table.rows].map((row) => row.map(csvCell).join(SEPARATOR));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

export function csvTableNames(report: ConsolidationReport): string[] {
  return reportTables(report).map((table) => table.name);
}

/** One table by name, or undefined when the report has no such table. */
export function reportCsv(report: ConsolidationReport, name: string): string | undefined {
  const table = reportTables(report).find((candidate) => candidate.name === name);
  return table && tableCsv(table);
}

/** Every table, one CSV file each, in a ZIP archive. */
export function reportCsvArchive(report: ConsolidationReport): Promise<Buffer> {
  // Loaded by the first archive rather than at every start of every process.
  const JSZip = require('jszip') as typeof JSZipClass;
  const zip = new JSZip();
  for (const table of reportTables(report)) zip.file(`${table.name}.csv`, tableCsv(table));
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}
