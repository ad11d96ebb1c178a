import { Injectable } from '@nestjs/common';
import { parse } from 'csv-parse';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Client } from 'pg';
import { DataSource, EntityManager } from 'typeorm';
import { CopyWriter } from '../database/copy-writer';
import { dedicatedClient } from '../database/data-source';
import { CONTROL_CHARACTER, CONTROL_CHARACTER_MESSAGE } from '../validation/control-characters';
import { ChunkedMerge } from './chunked-merge';
import { ProblemList, Refused, RunSql } from './import-problems';
import { fileColumn, isStructureOwned, RecordDefinition, RowProblem } from './record-definition';
import { readRow } from './record-rows';
import { Assignment, lockReplacedSql, mergeSql, replaceSql, stagedColumns } from './record-sql';
import { Actor, LineProblem } from './record-store';
import { detectEncoding, readText, TextEncoding } from './text-encoding';

export const STRUCTURE_COLUMN = 'structure_ref';
const STAGING = 'import_staging';

/**
 * What an import answers: the counts, or its problems (the first MAX_LISTED_PROBLEMS of them, in file order, with
 * `errorCount` when there are more).
 */
export type ImportOutcome = ImportCounts | { errors: LineProblem[]; errorCount?: number };

/** An accepted import's counts; `deleted` only for the kinds a file replaces (records of the file's scope it no longer holds). */
export interface ImportCounts {
  inserted: number;
  updated: number;
  unchanged: number;
  deleted?: number;
}

/** A file's limits: a line of a CSV export is a few hundred characters, a cell a few dozen. */
export const MAX_LINE_CHARACTERS = 64 * 1024;
export const MAX_CELL_CHARACTERS = 10 * 1024;
export const MAX_COLUMNS = 100;
/** csv-parse's errors, said in French. */
const CSV_MESSAGES: Record<string, string> = {
  INVALID_OPENING_QUOTE: 'guillemet ouvrant au milieu d’une valeur : entourez toute la valeur de guillemets, ou doublez le guillemet ("")',
  CSV_INVALID_CLOSING_QUOTE: 'guillemet fermant suivi d’autres caractères : doublez les guillemets à l’intérieur d’une valeur ("")',
  CSV_QUOTE_NOT_CLOSED: 'guillemet ouvert jamais refermé : le fichier se termine au milieu d’une valeur',
  CSV_MAX_RECORD_SIZE: `ligne de plus de ${MAX_LINE_CHARACTERS / 1024} Ko : ce n’est pas une ligne d’export de tableur`,
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: 'caractères après un guillemet fermant',
};

/** Where an import stands: reading the file (measured by the bytes read), checking it, writing it, done. */
export interface ImportProgress {
  phase: 'reading' | 'checking' | 'writing' | 'done';
  /** Rows read so far (staged). */
  rows: number;
  bytesRead: number;
  totalBytes: number;
}

/** How often, at most, the reading reports its progress. */
const PROGRESS_EVERY_MS = 250;

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
  /** The import record's id: the records created carry it and get no audit row of their own (see `MergeOptions`). */
  importId?: string;
  comparedSystem?: string[];
  /** For a definition that `replaces`: a scope replaced even when no row holds it (a table emptied on purpose). */
  replaceScope?: { structureId: string; values: Record<string, string> };
  /** Runs in the import's transaction once the rows are written: the place for outbox events. */
  afterWrite?(manager: EntityManager, structureIds: string[], written: number): Promise<void>;
  /**
   * Whether `afterWrite` announces every change the rows make (a recompute of all their structures' markets): the
   * writes then leave no change notes, the reconciliation's safety net for unannounced writes.
   */
  announcesChanges?: boolean;
  /** Told where the import stands: while the file is read (a few times a second), then at each phase. */
  progress?(progress: ImportProgress): void;
  /** Runs in the import's transaction once it is accepted, whatever it changed: the place to record the import. */
  accepted?(manager: EntityManager, structureIds: string[], counts: { inserted: number; updated: number; unchanged: number }): Promise<void>;
}

function lineBreaksIn(record: string[]): number {
  let breaks = 0;
  for (const cell of record) if (cell.includes('\n')) breaks += cell.split('\n').length - 1;
  return breaks;
}

/** A row's problems as a file's: on its line, each column under the file's name. */
function onLine(definition: RecordDefinition, line: number, problems: RowProblem[]): LineProblem[] {
  return problems.map((problem) => ({ line, column: fileColumn(definition, problem.column), message: problem.message }));
}

/** Counts of a merge; `deleted` for a kind that replaces. */
interface Written {
  inserted: number;
  updated: number;
  deleted?: number;
}

/** Where an import's rows go as they are read, and what becomes of them once they all are. */
interface Staging {
  /** Adds a row; may answer a promise to await before the next one (the reading's brake). */
  write(values: (string | number | null)[]): Promise<void> | undefined;
  /** Every row written: checks them, and merges them unless a problem is found (added to the import's problems). */
  finish(report: (phase: ImportProgress['phase']) => void): Promise<Written>;
  /** The import stops with an error: ends the work under way, so that the transaction can roll back. */
  abandon(reason: Error): Promise<void>;
}

/** Merges staged (or resolved) rows, a relation `source`, in the import's transaction, as its plan says. */
async function mergeStaged(manager: EntityManager, plan: ImportPlan, source: string, resolvedSource = false): Promise<{ inserted: number; updated: number }> {
  const byImport = plan.importId !== undefined;
  const [counts] = (await manager.query(
    mergeSql(plan.definition, source, { system: plan.system, comparedSystem: plan.comparedSystem, actorIdParam: 1, actorParam: 2, importIdParam: byImport ? 3 : undefined, resolvedSource }),
    [plan.actor.id, plan.actor.label, ...(byImport ? [plan.importId] : [])],
  )) as { inserted: number; updated: number }[];
  return counts!;
}

/**
 * Every row streamed by COPY into one temporary table, then checked and merged as a whole (the scopes of a replacing
 * kind deleted with them): the kinds whose checks read their own records, and the rows of an API request.
 */
class WholeFileStaging implements Staging {
  private constructor(
    private readonly manager: EntityManager,
    private readonly copy: CopyWriter,
    private readonly plan: ImportPlan,
    private readonly errors: ProblemList,
    private readonly signal?: AbortSignal,
  ) {}

  /** The staging table (every field as text, with the line and the structure), open for COPY. */
  static async open(manager: EntityManager, plan: ImportPlan, columns: string[], errors: ProblemList, signal?: AbortSignal): Promise<WholeFileStaging> {
    await manager.query(`CREATE TEMP TABLE ${STAGING} (line int, structure_id uuid, ${columns.map((column) => `${column} text`).join(', ')}) ON COMMIT DROP`);
    return new WholeFileStaging(manager, await CopyWriter.open(manager, STAGING), plan, errors, signal);
  }

  write(values: (string | number | null)[]): Promise<void> | undefined {
    return this.copy.write(values);
  }

  async abandon(reason: Error): Promise<void> {
    await this.copy.abort(reason);
  }

  async finish(report: (phase: ImportProgress['phase']) => void): Promise<Written> {
    const { definition } = this.plan;
    await this.copy.end();
    this.signal?.throwIfAborted();
    report('checking');
    // The statistics gathered for the checks also plan the merge.
    await this.errors.addChecked(this.run, definition, STAGING);
    if (this.errors.count > 0) return { inserted: 0, updated: 0 };
    this.signal?.throwIfAborted();
    report('writing');
    if (!definition.replaces) return mergeStaged(this.manager, this.plan, STAGING);
    // A replaced scope is written by one import at a time, the later one replacing the earlier as a whole.
    const named = this.plan.replaceScope;
    const scopeValues = named ? [named.structureId, ...definition.replaces.map((column) => named.values[column])] : [];
    await this.manager.query(lockReplacedSql(definition, STAGING, named ? 1 : undefined), scopeValues);
    const written: Written = await mergeStaged(this.manager, this.plan, STAGING);
    const actor = [this.plan.actor.id, this.plan.actor.label];
    const [{ deleted }] = (await this.manager.query(replaceSql(definition, STAGING, { actorIdParam: 1, actorParam: 2, scopeParams: named ? 3 : undefined }), [...actor, ...scopeValues])) as {
      deleted: number;
    }[];
    return { ...written, deleted: deleted! };
  }

  private readonly run: RunSql = (sql, parameters) => this.manager.query(sql, parameters);
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

/** The file's first line, decoded (enough to tell its separator). */
async function firstLine(path: string, encoding: TextEncoding): Promise<string> {
  let start = '';
  for await (const chunk of readText(path, encoding)) {
    start += chunk as string;
    if (start.includes('\n') || start.length >= MAX_LINE_CHARACTERS) break;
  }
  return start.split(/\r?\n/, 1)[0] ?? '';
}

/** Unknown, repeated and missing columns, all reported on line 1. */
export function headerProblems(definition: RecordDefinition, header: string[]): LineProblem[] {
  const known = new Set([...Object.keys(definition.fields).map((field) => fileColumn(definition, field)), ...(isStructureOwned(definition) ? [STRUCTURE_COLUMN] : [])]);
  if (header.length > MAX_COLUMNS) {
    return [{ line: 1, column: '', message: `${header.length} colonnes d’en-tête : ${MAX_COLUMNS} au plus (les colonnes possibles sont ${[...known].join(', ')})` }];
  }
  const problems: LineProblem[] = [];
  header.forEach((column, index) => {
    if (!known.has(column)) problems.push({ line: 1, column, message: `colonne inconnue : les colonnes possibles sont ${[...known].join(', ')}` });
    else if (header.indexOf(column) !== index) problems.push({ line: 1, column, message: 'colonne présente deux fois' });
  });
  for (const [column, spec] of Object.entries(definition.fields)) {
    const name = fileColumn(definition, column);
    if (spec.required && !header.includes(name)) problems.push({ line: 1, column: name, message: 'colonne obligatoire absente' });
  }
  return problems;
}

/**
 * Reads a CSV file, checks every row (alone as it is read, then against the database and the rest of the file, in
 * SQL), and either writes the whole file in one transaction or writes nothing and answers every problem. The rows
 * go to a staging table (`WholeFileStaging`) and are merged in one set-based statement once all are checked, or, for
 * a kind `mergedWhileRead`, are merged chunk by chunk as they are read (`ChunkedMerge`). Memory holds a few chunks
 * of rows and the problems, whatever the file's size.
 */
@Injectable()
export class RecordImporter {
  constructor(private readonly dataSource: DataSource) {}

  /** `signal` stops the import where it is, writing nothing (the client that asked for it has gone). */
  async run(path: string, plan: ImportPlan, signal?: AbortSignal): Promise<ImportOutcome> {
    const encoding = await detectEncoding(path, signal);
    const separator = detectSeparator((await firstLine(path, encoding)).replace(/^\uFEFF/, ''));
    // A kind merged while it is read has its chunks checked on a connection of its own (see ChunkedMerge).
    const checker = plan.definition.mergedWhileRead ? dedicatedClient(this.dataSource, 'import-checks') : undefined;
    try {
      await checker?.connect();
      return await this.dataSource.transaction((manager) => this.stageAndMerge(manager, path, encoding, separator, plan, checker, signal));
    } catch (error) {
      if (error instanceof Refused) return error.outcome;
      throw error;
    } finally {
      await checker?.end().catch(() => undefined);
    }
  }

  private async stageAndMerge(
    manager: EntityManager,
    path: string,
    encoding: TextEncoding,
    separator: string,
    plan: ImportPlan,
    checker: Client | undefined,
    signal?: AbortSignal,
  ): Promise<ImportOutcome> {
    const { definition } = plan;
    const columns = stagedColumns(definition);
    await prepareTransaction(manager, plan);
    const errors = new ProblemList();
    const staging: Staging = checker
      ? await ChunkedMerge.open(manager, checker, definition, columns, errors, (source) => mergeStaged(manager, plan, source, true))
      : await WholeFileStaging.open(manager, plan, columns, errors, signal);

    const fieldOf = new Map(Object.keys(definition.fields).map((field) => [fileColumn(definition, field), field]));
    const structures = new Set<string>();
    let staged = 0;
    let header: string[] | undefined;
    // Per column of the file, once: the field it fills.
    let fields: string[] = [];
    let hasStructureColumn = false;

    const source = createReadStream(path);
    const totalBytes = (await stat(path)).size;
    let reported = 0;
    const report = (phase: ImportProgress['phase']) => plan.progress?.({ phase, rows: staged, bytesRead: phase === 'reading' ? source.bytesRead : totalBytes, totalBytes });
    report('reading');
    // Lines are counted here rather than with csv-parse's `info` (which costs more than the parsing itself): one per
    // record, plus the line breaks inside its quoted cells.
    const parser = readText(path, encoding, source).pipe(parse({ delimiter: separator, bom: true, relax_column_count: true, max_record_size: MAX_LINE_CHARACTERS }));
    let line = 0;
    try {
      for await (const record of parser as AsyncIterable<string[]>) {
        signal?.throwIfAborted();
        line += 1 + lineBreaksIn(record);
        if (!header) {
          header = record.map((column) => column.trim());
          const problems = headerProblems(definition, header);
          if (problems.length > 0) throw new Refused(problems);
          fields = header.map((column) => fieldOf.get(column) ?? column);
          hasStructureColumn = header.includes(STRUCTURE_COLUMN);
          continue;
        }
        // Spreadsheets export trailing rows of empty cells: they are not records.
        if (record.every((cell) => cell.trim() === '')) continue;
        if (record.length !== header.length) {
          errors.add({ line, column: '', message: `${record.length} valeurs pour ${header.length} colonnes d’en-tête` });
          continue;
        }
        const raw: Record<string, string> = {};
        let readable = true;
        for (let index = 0; index < header.length; index += 1) {
          const cell = record[index]!;
          raw[fields[index]!] = cell;
          const unreadable =
            cell.length > MAX_CELL_CHARACTERS ? `valeur de ${cell.length} caractères : ${MAX_CELL_CHARACTERS} au plus` : CONTROL_CHARACTER.test(cell) ? CONTROL_CHARACTER_MESSAGE : undefined;
          if (unreadable === undefined) continue;
          errors.add({ line, column: header[index]!, message: unreadable });
          readable = false;
        }
        if (!readable) continue;
        const structure = plan.structureOf(hasStructureColumn ? raw[STRUCTURE_COLUMN]?.trim() : undefined);
        if ('error' in structure) errors.add({ line, column: STRUCTURE_COLUMN, message: structure.error });
        const { row, problems } = readRow(definition, raw);
        errors.add(...onLine(definition, line, problems));
        // A row with problems of its own is staged all the same (its unreadable cells empty), so that the checks
        // against the database and the rest of the file report its other problems too: every problem of every line.
        if ('error' in structure) continue;
        if (structure.id) structures.add(structure.id);
        staged += 1;
        const sending = staging.write([line, structure.id, ...columns.map((column) => row[column] ?? null)]);
        if (sending) await sending;
        if (plan.progress && (staged & 1023) === 0 && Date.now() - reported >= PROGRESS_EVERY_MS) {
          reported = Date.now();
          report('reading');
        }
      }
      if (!header) throw new Refused([{ line: 1, column: '', message: 'fichier vide : une ligne d’en-tête est attendue' }]);
    } catch (error) {
      await staging.abandon(error as Error);
      if (error instanceof Refused) throw error;
      const where = (error as { lines?: number }).lines;
      if (where === undefined) throw error;
      const code = (error as { code?: string }).code ?? '';
      errors.add({ line: where, column: '', message: `fichier CSV mal formé : ${CSV_MESSAGES[code] ?? 'la ligne ne se lit pas comme du CSV'}` });
      throw errors.refusal();
    }

    const written = await staging.finish(report);
    if (errors.count > 0) throw errors.refusal();
    return this.complete(manager, plan, structures, staged, written, report);
  }

  /**
   * Writes rows given in memory (an API request's list) exactly as a file's: each read by the same field parsers and
   * row rules, staged, checked against the database and merged all or nothing. A problem's line is the row's
   * position from 1.
   */
  async runRows(rows: { structureId: string; values: Record<string, unknown> }[], plan: ImportPlan): Promise<ImportOutcome> {
    const { definition } = plan;
    const columns = stagedColumns(definition);
    try {
      return await this.dataSource.transaction(async (manager) => {
        await prepareTransaction(manager, plan);
        const errors = new ProblemList();
        const staging = await WholeFileStaging.open(manager, plan, columns, errors);
        try {
          for (const [index, { structureId, values }] of rows.entries()) {
            const { row, problems } = readRow(definition, values);
            errors.add(...onLine(definition, index + 1, problems));
            const sending = staging.write([index + 1, structureId, ...columns.map((column) => row[column] ?? null)]);
            if (sending) await sending;
          }
        } catch (error) {
          await staging.abandon(error as Error);
          throw error;
        }
        const written = await staging.finish(() => undefined);
        if (errors.count > 0) throw errors.refusal();
        return this.complete(manager, plan, new Set(rows.map((row) => row.structureId)), rows.length, written, () => undefined);
      });
    } catch (error) {
      if (error instanceof Refused) return error.outcome;
      throw error;
    }
  }

  /** An accepted import's last steps in its transaction: the outbox events of what it wrote, its record. */
  private async complete(
    manager: EntityManager,
    plan: ImportPlan,
    structures: Set<string>,
    staged: number,
    written: Written,
    report: (phase: ImportProgress['phase']) => void,
  ): Promise<ImportCounts> {
    const { inserted, updated, deleted } = written;
    const outcome: ImportCounts = { inserted, updated, unchanged: staged - inserted - updated, ...(deleted === undefined ? {} : { deleted }) };
    if (inserted + updated + (deleted ?? 0) > 0) await plan.afterWrite?.(manager, [...structures], inserted + updated);
    await plan.accepted?.(manager, [...structures], outcome);
    report('done');
    return outcome;
  }
}

/** The import's transaction settings. */
async function prepareTransaction(manager: EntityManager, plan: ImportPlan): Promise<void> {
  // The merge holds a whole file's rows twice (resolved, then written): in memory rather than in temporary files.
  await manager.query(`SET LOCAL work_mem = '64MB'`);
  if (plan.announcesChanges) await manager.query(`SELECT set_config('clause_tracker.changes_announced', 'on', true)`);
}
