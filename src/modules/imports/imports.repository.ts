import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { AccessScope } from '../../platform/auth/principal';
import type { Actor } from '../../platform/records/record-store';

export interface ImportRun {
  /** The import record (null for the lines of imports made before they were recorded as one act). */
  id: string | null;
  kind: string;
  fileName: string | null;
  actor: string;
  at: string;
  inserted: number;
  updated: number;
  unchanged: number;
}

export interface ImportRecord {
  id: string;
  kind: string;
  fileName: string | null;
  sizeBytes: number;
  sha256: string;
  inserted: number;
  updated: number;
  unchanged: number;
  deleted: number | null;
  durationMs: number;
  actor: string;
  at: string;
  /** The structures the file wrote to, with what it did in each. */
  structures: { ref: string; inserted: number; updated: number; unchanged: number }[];
}

/** The file of an import, as stored (gzip). */
export interface ArchivedFile {
  sizeBytes: number;
  sha256: string;
  gzip: Buffer;
}

/** A timestamp column as the API writes instants (UTC, to the second). */
const utcText = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`;

/** What a scope sees of imports: a facilitator those that wrote to its structure; an administrator all. */
function visible(scope: AccessScope, parameter: number): { sql: string; value: string | null } {
  return scope.kind === 'structure'
    ? { sql: `EXISTS (SELECT 1 FROM import_run r WHERE r.import_id = f.id AND r.structure_id = $${parameter}::uuid)`, value: scope.structureId }
    : { sql: `$${parameter}::uuid IS NULL`, value: null };
}

/** Import records (one per accepted file) and each structure's list of the imports that wrote to it. */
@Injectable()
export class ImportsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** An id for the import about to run: its records carry it before its record is written, at the end. */
  async nextId(): Promise<string> {
    const [{ id }]: { id: string }[] = await this.dataSource.query(`SELECT nextval(pg_get_serial_sequence('import_file', 'id'))::text AS id`);
    return id;
  }

  /** Writes the import record, and a line per structure the file wrote to, in the import's transaction. */
  async record(
    manager: EntityManager,
    entry: { id: string; kind: string; fileName?: string; actor: Actor; counts: { inserted: number; updated: number; unchanged: number; deleted?: number }; durationMs: number; file: ArchivedFile },
    structureIds: string[],
  ): Promise<void> {
    const { counts } = entry;
    await manager.query(
      `INSERT INTO import_file (id, kind, file_name, size_bytes, sha256, inserted, updated, unchanged, deleted, duration_ms, actor_id, actor, content_gzip)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
      [entry.id, entry.kind, entry.fileName ?? null, entry.file.sizeBytes, entry.file.sha256, counts.inserted, counts.updated, counts.unchanged, counts.deleted ?? null, entry.durationMs, entry.actor.id, entry.actor.label, entry.file.gzip],
    );
    if (structureIds.length === 0) return;
    await manager.query(
      `INSERT INTO import_run (import_id, structure_id, kind, file_name, actor_id, actor, inserted, updated, unchanged)
       SELECT $1, structure_id, $2, $3, $4, $5, $6, $7, $8 FROM unnest($9::uuid[]) AS structure_id`,
      [entry.id, entry.kind, entry.fileName ?? null, entry.actor.id, entry.actor.label, counts.inserted, counts.updated, counts.unchanged, structureIds],
    );
  }

  recent(structureId: string, limit: number): Promise<ImportRun[]> {
    return this.dataSource.query(
      `SELECT import_id::text AS id, kind, file_name AS "fileName", actor, ${utcText('at')} AS at, inserted, updated, unchanged
         FROM import_run WHERE structure_id = $1 ORDER BY at DESC, id DESC LIMIT $2`,
      [structureId, limit],
    );
  }

  async list(scope: AccessScope, offset: number, limit: number): Promise<[ImportRecord[], number]> {
    const filter = visible(scope, 1);
    const [rows, [{ total }]] = await Promise.all([
      this.dataSource.query(`${RECORD_SELECT} WHERE ${filter.sql} ORDER BY f.id DESC LIMIT $2 OFFSET $3`, [filter.value, limit, offset]),
      this.dataSource.query(`SELECT count(*)::int AS total FROM import_file f WHERE ${filter.sql}`, [filter.value]) as Promise<{ total: number }[]>,
    ]);
    return [rows, total];
  }

  get(scope: AccessScope, id: string): Promise<ImportRecord | undefined> {
    const filter = visible(scope, 2);
    return this.dataSource.query(`${RECORD_SELECT} WHERE f.id = $1 AND ${filter.sql}`, [id, filter.value]).then((rows: ImportRecord[]) => rows[0]);
  }

  async file(scope: AccessScope, id: string): Promise<{ fileName: string | null; kind: string; gzip: Buffer } | undefined> {
    const filter = visible(scope, 2);
    const rows: { fileName: string | null; kind: string; gzip: Buffer }[] = await this.dataSource.query(
      `SELECT f.file_name AS "fileName", f.kind, f.content_gzip AS gzip FROM import_file f WHERE f.id = $1 AND ${filter.sql}`,
      [id, filter.value],
    );
    return rows[0];
  }
}

const RECORD_SELECT = `
  SELECT f.id::text AS id, f.kind, f.file_name AS "fileName", f.size_bytes::int AS "sizeBytes", f.sha256, f.inserted, f.updated, f.unchanged,
         f.deleted, f.duration_ms AS "durationMs", f.actor, ${utcText('f.at')} AS at,
         coalesce((SELECT json_agg(json_build_object('ref', s.ref, 'inserted', r.inserted, 'updated', r.updated, 'unchanged', r.unchanged) ORDER BY s.ref)
                     FROM import_run r JOIN structure s ON s.id = r.structure_id WHERE r.import_id = f.id), '[]') AS structures
    FROM import_file f`;
