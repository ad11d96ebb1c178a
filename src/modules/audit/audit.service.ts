import { Injectable } from '@nestjs/common';
import type { AccessScope } from '../../platform/auth/principal';
import { NotFoundError } from '../../platform/http/domain-errors';
import { writableStructure } from '../../platform/records/record-crud';
import { AuditRepository } from './audit.repository';
import { AuditEntryDto } from './dto/audit.dto';

@Injectable()
export class AuditService {
  constructor(private readonly repository: AuditRepository) {}

  /** The history of one record of the facilitator's structure, oldest first (deleted records keep theirs). */
  async history(scope: AccessScope, entity: string, id: string): Promise<AuditEntryDto[]> {
    const entries = await this.repository.history(writableStructure(scope), entity, id);
    if (entries.length === 0) throw new NotFoundError('Historique');
    return entries;
  }
}
