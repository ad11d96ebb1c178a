import { Injectable } from '@nestjs/common';
import { parse } from 'csv-parse';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { DataSource, EntityManager } from 'typeorm';
import { CopyWriter } from '../database/copy-writer';
import { isStructureOwned, RecordDefinition } from './record-definition';
import { readRow } from './record-rows';
import { Assignment, checksSql, mergeSql, stagedColumns } from './record-sql';
import { Actor, LineProblem } from './record-store';

export const STRUCTURE_COLUMN = 'structure_ref';
const STAGING = 'import_staging';

export type ImportOutcome = { inserted: number; updated: number; unchanged: number } | { errors: LineProblem[] };

export interface ImportPlan {
  definition: RecordDefinition;
  actor: Actor;
  /**
   * The structure a row goes to, from its `structure_ref` cell (undefined when the file has no such column); null
   * for records that are not a structure's (structures themselves).
   */
  structureOf(structureRef: string | undefined): { id: string | null } | { error: string };
  /** Columns the import sets beyond the file (imported hours are validated…). */
  system?: Assignment[];
  comparedSystem?: string[];
  /** Runs in the import's transaction once the rows are written: the place for outbox events. */
  afterWrite?(manager: EntityManager, structureIds: string[], written: number): Promise<void>;
}

class Refused extends Error {
  constructor(readonly errors: LineProblem[]) {
    super('import refused');
  }
}

function lineBreaksIn(record: string[]): number {
  let breaks = 0;
  for (const cell of record) if (cell.includes('\n')) breaks += cell.split('\n').length - 1;
  return breaks;
}

/** `;` or `,`, whichever separates the header's columns (outside quotes). */
export function detectSeparator(headerLine: string): ';' | ',' {
  let semicolons = 0;
  let commas = 0;
  let quoted = false;
  for (const character of headerLine) {
    if (character === '"') quoted = !quoted;
    else if (!quoted && character === ';') semicolons += 1;
    else if (!quoted && character === ',') commas += 1;
  }
  return semicolons > commas ? ';' : ',';
}

async function firstLine(path: string): Promise<string> {
  const file = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(64 * 1024);
    const { bytesRead } = await file.read(buffer, 0, buffer.length, 0);
    return buffer.subarray(0, bytesRead).toString('utf8').split(/\r?\n/, 1)[0] ?? '';
  } finally {
    await file.close();
  }
}

/** Unknown, repeated and missing columns, all reported on line 1. */
export function headerProblems(definition: RecordDefinition, header: string[]): LineProblem[] {
  const known = new Set([...Object.keys(definition.fields), ...(isStructureOwned(definition) ? [STRUCTURE_COLUMN] : [])]);
  const problems: LineProblem[] = [];
  header.forEach((column, index) => {
    if (!known.has(column)) problems.push({ line: 1, column, message: `colonne inconnue : les colonnes possibles sont ${[...known].join(', ')}` });
    else if (header.indexOf(column) !== index) problems.push({ line: 1, column, message: 'colonne présente deux fois' });
  });
  for (const [column, spec] of Object.entries(definition.fields)) {
    if (spec.required && !header.includes(column)) problems.push({ line: 1, column, message: 'colonne obligatoire absente' });
  }
  return problems;
}

/**
 * Streams a CSV file into a temporary staging table with COPY as it reads it, checks every row (alone, then against
 * the database and the rest of the file, in SQL), and either merges the whole file in one set-based statement or
 * writes nothing and answers every problem. Memory holds a chunk of rows and the problems, whatever the file's size.
 */
@Injectable()
export class RecordImporter {
  constructor(private readonly dataSource: DataSource) {}

  async run(path: string, plan: ImportPlan): Promise<ImportOutcome> {
    const separator = detectSeparator((await firstLine(path)).replace(/^\uFEFF/, ''));
    try {
      return await this.dataSource.transaction((manager) => this.stageAndMerge(manager, path, separator, plan));
    } catch (error) {
      if (error instanceof Refused) return { errors: error.errors };
      throw error;
    }
  }

  private async stageAndMerge(manager: EntityManager, path: string, separator: string, plan: ImportPlan): Promise<ImportOutcome> {
    const { definition } = plan;
    const columns = stagedColumns(definition);
    // The merge holds the whole file's rows twice (resolved, then written): in memory rather than in temporary files.
    await manager.query(`SET LOCAL work_mem = '64MB'`);
    await manager.query(`CREATE TEMP TABLE ${STAGING} (line int, structure_id uuid, ${columns.map((column) => `${column} text`).join(', ')}) ON COMMIT DROP`);
    const staging = await CopyWriter.open(manager, STAGING);

    const errors: LineProblem[] = [];
    const structures = new Set<string>();
    let staged = 0;
    let header: string[] | undefined;

    // Lines are counted here rather than with csv-parse's `info` (which costs more than the parsing itself): one per
    // record, plus the line breaks inside its quoted cells.
    const parser = createReadStream(path).pipe(parse({ delimiter: separator, bom: true, relax_column_count: true }));
    let line = 0;
    try {
      for await (const record of parser as AsyncIterable<string[]>) {
        line += 1 + lineBreaksIn(record);
        if (!header) {
          header = record.map((column) => column.trim());
          const problems = headerProblems(definition, header);
          if (problems.length > 0) throw new Refused(problems);
          continue;
        }
        // Spreadsheets export trailing rows of empty cells: they are not records.
        if (record.every((cell) => cell.trim() === '')) continue;
        if (record.length !== header.length) {
          errors.push({ line, column: '', message: `${record.length} valeurs pour ${header.length} colonnes d’en-tête` });
          continue;
        }
        const raw: Record<string, string> = {};
        header.forEach((column, index) => (raw[column] = record[index]!));
        const structure = plan.structureOf(header.includes(STRUCTURE_COLUMN) ? raw[STRUCTURE_COLUMN]?.trim() : undefined);
        if ('error' in structure) errors.push({ line, column: STRUCTURE_COLUMN, message: structure.error });
        const { row, problems } = readRow(definition, raw);
        errors.push(...problems.map((problem) => ({ line, ...problem })));
        if (problems.length > 0 || 'error' in structure) continue;
        if (structure.id) structures.add(structure.id);
        staged += 1;
        const sending = staging.write([line, structure.id, ...columns.map((column) => row[column] ?? null)]);
        if (sending) await sending;
      }
      if (!header) throw new Refused([{ line: 1, column: '', message: 'fichier vide : une ligne d’en-tête est attendue' }]);
      await staging.end();
    } catch (error) {
      await staging.abort(error as Error);
      if (error instanceof Refused) throw error;
      const where = (error as { lines?: number }).lines;
      if (where === undefined) throw error;
      throw new Refused([...errors, { line: where, column: '', message: `fichier CSV mal formé (${(error as Error).message})` }]);
    }

    // Statistics let PostgreSQL plan the checks and the merge as the set operations they are.
    await manager.query(`ANALYZE ${STAGING}`);
    errors.push(...(await manager.query(checksSql(definition, STAGING))));
    if (errors.length > 0) throw new Refused(errors.sort((a, b) => a.line - b.line || a.column.localeCompare(b.column)));

    const [counts] = (await manager.query(
      mergeSql(definition, STAGING, { system: plan.system, comparedSystem: plan.comparedSystem, actorIdParam: 1, actorParam: 2 }),
      [plan.actor.id, plan.actor.label],
    )) as { inserted: number; updated: number }[];
    const { inserted, updated } = counts!;
    if (inserted + updated > 0) await plan.afterWrite?.(manager, [...structures], inserted + updated);
    return { inserted, updated, unchanged: staged - inserted - updated };
  }
}
