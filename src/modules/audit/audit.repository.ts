import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditEntryDto } from './dto/audit.dto';

export type StoredAuditEntry = Omit<AuditEntryDto, 'changes'> & { changes: Record<string, unknown>; fileName?: string | null };

/** The table of each audited kind: where a record's `created_by_import` is read. */
const TABLES: Record<string, string> = {
  buyers: 'buyer',
  operations: 'operation',
  markets: 'market',
  companies: 'company',
  awards: 'award',
  participants: 'participant',
  work_contracts: 'work_contract',
  hours: 'hours_entry',
  plie_pathways: 'plie_pathway',
  plie_steps: 'plie_step',
};

/** Reads the audit trail that record writes append to (platform/records), within one structure. */
@Injectable()
export class AuditRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * A record's audit rows, oldest first, after its creation by an import when one created it: read on the record, or
   * on its deletion's row (which keeps the deleted values) once it is gone.
   */
  history(structureId: string, entity: string, entityId: string): Promise<StoredAuditEntry[]> {
    const at = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
    return this.dataSource.query(
      `WITH origin AS (
         SELECT created_by_import AS import_id FROM ${TABLES[entity]} WHERE id = $3 AND structure_id = $1
         UNION ALL
         SELECT (changes->>'created_by_import')::bigint FROM audit_entry WHERE structure_id = $1 AND entity = $2 AND entity_id = $3 AND action = 'DELETE')
       SELECT * FROM (
         SELECT 0 AS rank, 'import-' || f.id AS id, 'IMPORT' AS action, f.actor, ${at('f.at')} AS at, '{}'::jsonb AS changes, f.id::text AS "importId", f.file_name AS "fileName"
           FROM import_file f WHERE f.id = (SELECT import_id FROM origin WHERE import_id IS NOT NULL LIMIT 1)
         UNION ALL
         SELECT 1, id::text, action, actor, ${at('at')}, changes - 'created_by_import', NULL, NULL
           FROM audit_entry WHERE structure_id = $1 AND entity = $2 AND entity_id = $3) trail
        ORDER BY rank, at, id`,
      [structureId, entity, entityId],
    ).then((rows: (StoredAuditEntry & { rank: number })[]) => rows.map(({ rank: _rank, ...entry }) => entry));
  }
}
