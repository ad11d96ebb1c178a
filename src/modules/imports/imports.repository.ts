import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../../platform/records/record-store';

export interface ImportRun {
  kind: string;
  fileName: string | null;
  actor: string;
  at: string;
  inserted: number;
  updated: number;
  unchanged: number;
}

/** The list of accepted imports, one line per structure a file wrote to. */
@Injectable()
export class ImportsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async record(manager: EntityManager, structureIds: string[], kind: string, who: { actor: Actor; fileName?: string }, counts: { inserted: number; updated: number; unchanged: number }): Promise<void> {
    if (structureIds.length === 0) return;
    await manager.query(
      `INSERT INTO import_run (structure_id, kind, file_name, actor_id, actor, inserted, updated, unchanged)
       SELECT structure_id, $2, $3, $4, $5, $6, $7, $8 FROM unnest($1::uuid[]) AS structure_id`,
      [structureIds, kind, who.fileName ?? null, who.actor.id, who.actor.label, counts.inserted, counts.updated, counts.unchanged],
    );
  }

  recent(structureId: string, limit: number): Promise<ImportRun[]> {
    return this.dataSource.query(
      `SELECT kind, file_name AS "fileName", actor, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS at, inserted, updated, unchanged
         FROM import_run WHERE structure_id = $1 ORDER BY at DESC, id DESC LIMIT $2`,
      [structureId, limit],
    );
  }
}
