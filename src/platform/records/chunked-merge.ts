import type { Client, PoolClient } from 'pg';
import { EntityManager } from 'typeorm';
import { copyBinaryIn, copyBinaryOut, copyLine, copyText } from '../database/copy-writer';
import { ProblemList, RunSql } from './import-problems';
import { RecordDefinition } from './record-definition';
import { anyProblemSql, anyRepeatedKeySql, resolvedColumns, resolvedRowsSql } from './record-sql';

/**
 * Rows per chunk: the first chunk small, so that the writing starts soon after the reading; the next ones twice as
 * large each, up to a size where each chunk's statements (resolving and checking a chunk hash every referenced
 * record) cost little beside its rows, and its text and resolved rows stay a few megabytes.
 */
const FIRST_CHUNK_ROWS = 4096;
const CHUNK_ROWS = 32_768;
/** A chunk's text buffer to start with: a full chunk of hours rows fits. */
const CHUNK_BYTES = 2 * 1024 * 1024;
/** Chunks read ahead of the one being merged: the reading waits past them, so memory stays bounded. */
const CHUNKS_AHEAD = 2;

/** The checking connection's staging table (the whole file, a child table per chunk), the transaction's chunk table. */
const STAGED = 'import_staged';
const CHUNK = 'import_chunk';

/** Runs one chunk's merge of resolved rows (`resolvedRowsSql`) in the import's transaction; answers what it wrote. */
export type ChunkWriter = (source: string) => Promise<{ inserted: number; updated: number }>;

/**
 * A file of a kind `mergedWhileRead`, merged chunk by chunk while it is read, by two PostgreSQL backends. The
 * checking one, on a connection of its own, stages each chunk, resolves its references and casts its values (each
 * row then has its id), hands the resolved rows to the import's transaction in PostgreSQL's binary format, then
 * checks the chunk; once the file is read, it looks for keys repeated across chunks. Its checks run outside the
 * transaction: they read only committed records of other kinds, so the chunks merged meanwhile change nothing they
 * find. The writing backend only inserts. Node reads, one backend prepares and checks, the other writes: the reading
 * and the checks hide behind the writing, and the writing does no more than it must.
 * The merging is optimistic: it stops at the first problem (a row's own, a chunk's checks, a merge the table refuses,
 * such as a key twice in a chunk); the transaction is then rolled back and every problem of the file is answered, as
 * a whole-file import would.
 */
export class ChunkedMerge {
  /** The chunk being read, in COPY's text format: bytes rather than strings, which the GC would keep and promote. */
  private text = Buffer.allocUnsafe(CHUNK_BYTES);
  private textLength = 0;
  private rows = 0;
  private chunkRows = FIRST_CHUNK_ROWS;
  private chunks = 0;
  /** Set once the rows' own rules or a failed merge stop the merging: the later chunks are only staged. */
  private merging = true;
  /** Set once a problem is known (the rows' own rules, a chunk's checks): the file is refused. */
  private problemFound = false;
  private mergeFailure: unknown;
  private checked: Promise<unknown> = Promise.resolve();
  private merged: Promise<unknown> = Promise.resolve();
  private readonly ahead: Promise<unknown>[] = [];
  private readonly counts = { inserted: 0, updated: 0 };

  private constructor(
    private readonly transaction: PoolClient,
    private readonly checker: Client,
    private readonly definition: RecordDefinition,
    private readonly errors: ProblemList,
    private readonly mergeChunk: ChunkWriter,
  ) {}

  /** Creates the chunk table in the transaction and the staging table on the (connected) checking connection. */
  static async open(manager: EntityManager, checker: Client, definition: RecordDefinition, columns: string[], errors: ProblemList, mergeChunk: ChunkWriter): Promise<ChunkedMerge> {
    if (!manager.queryRunner) throw new Error('a chunked merge runs inside a transaction');
    // What a replacing file no longer holds is known only once all of it is read.
    if (definition.replaces) throw new Error(`${definition.kind} replaces what its files no longer hold: not merged while read`);
    // The table's own column types: the binary rows of the checking connection go in as they are.
    await manager.query(`CREATE TEMP TABLE ${CHUNK} ON COMMIT DROP AS SELECT ${resolvedColumns(definition).join(', ')} FROM ${definition.table} WITH NO DATA`);
    await checker.query(`SET work_mem = '64MB'`);
    await checker.query(`CREATE TEMP TABLE ${STAGED} (line int, structure_id uuid, ${columns.map((column) => `${column} text`).join(', ')})`);
    return new ChunkedMerge((await manager.queryRunner.connect()) as PoolClient, checker, definition, errors, mergeChunk);
  }

  /** Adds a row; when a chunk is full, answers the promise to await before the next row (the reading's brake). */
  write(values: (string | number | null)[]): Promise<void> | undefined {
    const line = copyLine(values);
    const needed = this.textLength + Buffer.byteLength(line);
    if (needed > this.text.length) this.text = Buffer.concat([this.text.subarray(0, this.textLength)], Math.max(needed, 2 * this.text.length));
    this.textLength += this.text.write(line, this.textLength);
    this.rows += 1;
    return this.rows >= this.chunkRows ? this.seal() : undefined;
  }

  /**
   * Once the file is read: the last chunk, the keys repeated across chunks (while the last chunks are merged), then
   * the counts of a clean file; for a file with problems, adds them all to `errors` (the caller refuses it).
   */
  async finish(report: (phase: 'checking' | 'writing') => void): Promise<{ inserted: number; updated: number }> {
    if (this.rows > 0) await this.seal();
    report('checking');
    await this.checked;
    // Each chunk's checks found what breaks a rule within it; a key repeated across chunks is found here.
    if (!this.problemFound && this.errors.count === 0 && (await this.found(anyRepeatedKeySql(this.definition, STAGED)))) this.problemFound = true;
    if (this.problemFound || this.errors.count > 0) {
      // Every problem of the file, as a whole-file import lists them.
      await this.errors.addChecked(this.run, this.definition, STAGED);
    }
    if (this.errors.count > 0) {
      await this.merged.catch(() => undefined);
      return this.counts;
    }
    report('writing');
    await this.merged;
    // A merge failing on a file without problems failed for another reason (the database's, a concurrent change).
    if (this.mergeFailure !== undefined) throw this.mergeFailure;
    return this.counts;
  }

  /** Waits for the work under way to end (the import stops with an error): the transaction can then roll back. */
  async abandon(): Promise<void> {
    await Promise.allSettled([this.checked, this.merged]);
  }

  private async seal(): Promise<void> {
    const text = this.text.subarray(0, this.textLength);
    this.text = Buffer.allocUnsafe(CHUNK_BYTES);
    this.textLength = 0;
    this.rows = 0;
    this.chunkRows = Math.min(2 * this.chunkRows, CHUNK_ROWS);
    // The rows' own rules ran as they were read: a problem among them stops the merging from this chunk on.
    if (this.errors.count > 0) this.merging = false;
    const table = `${STAGED}_${this.chunks}`;
    this.chunks += 1;
    const resolved = this.checked.then(async () => {
      await this.checker.query(`CREATE TEMP TABLE ${table} () INHERITS (${STAGED})`);
      await copyText(this.checker, table, text);
      return this.merging ? copyBinaryOut(this.checker, resolvedRowsSql(this.definition, table)) : Buffer.alloc(0);
    });
    // Checked once handed over, so that the merge does not wait for it.
    const checked = resolved.then(async () => {
      if (this.problemFound || !(await this.found(anyProblemSql(this.definition, table)))) return;
      this.problemFound = true;
      this.merging = false;
    });
    const merged = Promise.all([resolved, this.merged]).then(async ([rows]) => {
      if (!this.merging) return;
      try {
        await this.transaction.query(`TRUNCATE ${CHUNK}`);
        await copyBinaryIn(this.transaction, CHUNK, rows);
        const written = await this.mergeChunk(CHUNK);
        this.counts.inserted += written.inserted;
        this.counts.updated += written.updated;
      } catch (error) {
        // The transaction is aborted: nothing more is merged, and the checks tell why (see `finish`).
        this.merging = false;
        this.mergeFailure = error;
      }
    });
    // Both are awaited (by the next chunk, `finish` or `abandon`): a failure meanwhile is not an unhandled one.
    checked.catch(() => undefined);
    merged.catch(() => undefined);
    this.checked = checked;
    this.merged = merged;
    this.ahead.push(checked, merged);
    while (this.ahead.length > 2 * CHUNKS_AHEAD) await this.ahead.shift();
  }

  private readonly run: RunSql = async (sql, parameters) => (await this.checker.query(sql, parameters)).rows;

  private async found(sql: string): Promise<boolean> {
    const [row] = (await this.run(sql)) as { found: boolean }[];
    return row?.found === true;
  }
}
