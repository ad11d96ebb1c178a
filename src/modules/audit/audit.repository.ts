import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditEntryDto } from './dto/audit.dto';

export type StoredAuditEntry = Omit<AuditEntryDto, 'changes'> & { changes: Record<string, unknown> };

/** Reads the audit trail that record writes append to (platform/records), within one structure. */
@Injectable()
export class AuditRepository {
  constructor(private readonly dataSource: DataSource) {}

  history(structureId: string, entity: string, entityId: string): Promise<StoredAuditEntry[]> {
    return this.dataSource.query(
      `SELECT id::text AS id, action, actor, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at, changes
         FROM audit_entry WHERE structure_id = $1 AND entity = $2 AND entity_id = $3 ORDER BY id`,
      [structureId, entity, entityId],
    );
  }
}
