import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';

export class LateDeclarationsQuery {
  @ApiPropertyOptional({ description: 'Mois déclaré (AAAA-MM) ; par défaut le mois précédent, celui qui se déclare', example: '2026-10' })
  @IsOptional()
  @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'doit être un mois AAAA-MM' })
  month?: string;
}

export class LateCompanyDto {
  @ApiProperty() siret: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: 'integer', description: 'Contrats du mois sans heures déclarées' }) contracts: number;
  @ApiProperty({ type: [String] }) marketRefs: string[];
  @ApiProperty({ type: 'integer', description: 'Rappels envoyés pour ce mois (3 au plus)' }) reminders: number;
  @ApiProperty({ nullable: true, type: String }) lastReminderOn: string | null;
  @ApiProperty({ description: 'Un compte entreprise actif peut recevoir les rappels' }) hasAccount: boolean;
}

export class RunRemindersDto {
  @ApiProperty({ description: 'Jour (AAAA-MM-JJ, heure de Paris) dont les rappels sont à faire', example: '2026-12-05' })
  @Matches(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { message: 'doit être une date AAAA-MM-JJ' })
  date: string;
}
