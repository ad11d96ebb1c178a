import type ExcelJSModule from 'exceljs';
import type { ConsolidationReport } from '../consolidation.rules';
import { ColumnKind, reportTables, scopeLabel } from './report-tables';

const NUMBER_FORMATS: Record<ColumnKind, string | undefined> = {
  text: undefined,
  count: '#,##0',
  hours: '#,##0.00',
  percent: '0.0',
  decimal: '0.00',
};

/**
 * The workbook of the national report: one sheet per table, a title and the snapshot's identity above the
 * headers, numbers kept as numbers (formatted in the French way by Excel), header row frozen.
 */
export async function reportXlsx(report: ConsolidationReport): Promise<Buffer> {
  // Loaded by the first workbook rather than at every start of every process (a third of a second).
  const ExcelJS = require('exceljs') as typeof ExcelJSModule;
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Clause Tracker';
  workbook.created = new Date(report.generatedAt);
  for (const table of reportTables(report)) {
    const sheet = workbook.addWorksheet(table.sheet, { views: [{ state: 'frozen', ySplit: 4 }] });
    sheet.addRow([table.title]).font = { bold: true, size: 13 };
    sheet.addRow([`${scopeLabel(report)} — instantané ${report.snapshotId} du ${new Date(report.generatedAt).toLocaleString('fr-FR', { timeZone: 'Europe/Paris' })}`]).font = { italic: true, size: 9 };
    sheet.addRow([]);
    const header = sheet.addRow(table.columns.map((column) => column.header));
    header.font = { bold: true };
    header.alignment = { wrapText: true, vertical: 'middle' };
    header.eachCell((cell) => {
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDE6F0' } };
      cell.border = { bottom: { style: 'thin' } };
    });
    for (const row of table.rows) sheet.addRow(row.map((value) => value ?? '—'));
    table.columns.forEach((column, index) => {
      const sheetColumn = sheet.getColumn(index + 1);
      sheetColumn.width = column.kind === 'text' ? 42 : 16;
      const format = NUMBER_FORMATS[column.kind];
      if (format) sheetColumn.numFmt = format;
    });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
