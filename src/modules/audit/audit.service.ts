import { Injectable } from '@nestjs/common';
import type { AccessScope } from '../../platform/auth/principal';
import { NotFoundError } from '../../platform/http/domain-errors';
import { moment } from '../../platform/web/format';
import { writableStructure } from '../../platform/records/record-crud';
import { AuditRepository } from './audit.repository';
import { AuditEntryDto } from './dto/audit.dto';

/** A created record's values become changes from nothing, a deleted one's changes to nothing. */
export function asChanges(action: string, stored: Record<string, unknown>): Record<string, { old: unknown; new: unknown }> {
  if (action !== 'CREATE' && action !== 'DELETE') return stored as Record<string, { old: unknown; new: unknown }>;
  return Object.fromEntries(Object.entries(stored).map(([field, value]) => [field, action === 'CREATE' ? { old: null, new: value } : { old: value, new: null }]));
}

/** « créé par l’import n° 12 (hours.csv, 30/11/2026 à 15:02, admin@…) » */
export function importSummary(importId: string, fileName: string | null, at: string, actor: string): string {
  return `créé par l’import n° ${importId} (${fileName ?? 'fichier sans nom'}, ${moment(at)}, ${actor})`;
}

@Injectable()
export class AuditService {
  constructor(private readonly repository: AuditRepository) {}

  /** The history of one record of the facilitator's structure, oldest first (deleted records keep theirs). */
  async history(scope: AccessScope, entity: string, id: string): Promise<AuditEntryDto[]> {
    const entries = await this.repository.history(writableStructure(scope), entity, id);
    if (entries.length === 0) throw new NotFoundError('Historique');
    return entries.map(({ fileName, importId, ...entry }) =>
      entry.action === 'IMPORT'
        ? { ...entry, changes: {}, importId, summary: importSummary(importId!, fileName ?? null, entry.at, entry.actor) }
        : { ...entry, changes: asChanges(entry.action, entry.changes) },
    );
  }
}
