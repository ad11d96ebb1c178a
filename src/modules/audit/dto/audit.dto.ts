import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsUUID } from 'class-validator';

export const AUDITED_ENTITIES = ['buyers', 'operations', 'markets', 'companies', 'awards', 'participants', 'work_contracts', 'hours', 'plie_pathways', 'plie_steps'] as const;

export class AuditQuery {
  @ApiProperty({ enum: AUDITED_ENTITIES, description: 'Type d’enregistrement' })
  @IsIn(AUDITED_ENTITIES, { message: `doit être l’un de : ${AUDITED_ENTITIES.join(', ')}` })
  entity: string;

  @ApiProperty({ description: 'Identifiant de l’enregistrement' })
  @IsUUID('all', { message: 'doit être un identifiant (UUID)' })
  id: string;
}

export class AuditEntryDto {
  @ApiProperty() id: string;
  @ApiProperty({ enum: ['IMPORT', 'CREATE', 'UPDATE', 'DELETE', 'VALIDATE', 'REJECT'], description: 'IMPORT : créé par un import (le premier élément de l’historique), sans le détail des valeurs' }) action: string;
  @ApiProperty({ description: 'Compte auteur (e-mail), ou « import »/« cli »' }) actor: string;
  @ApiProperty({ description: 'Date (UTC)' }) at: string;
  @ApiProperty({ description: 'Champs modifiés : { champ: { old, new } }', type: 'object', additionalProperties: true }) changes: Record<string, { old: unknown; new: unknown }>;
  @ApiPropertyOptional({ description: 'Pour IMPORT : « créé par l’import n° … (fichier, date, auteur) »' }) summary?: string;
  @ApiPropertyOptional({ description: 'Pour IMPORT : le numéro de l’import (GET /imports/{id})' }) importId?: string;
}
