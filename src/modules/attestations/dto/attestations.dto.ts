import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { ATTESTATION_KINDS } from '../attestations.rules';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export class IssueCompanyAttestationDto {
  @ApiProperty({ description: 'SIRET de l’entreprise attributaire (14 chiffres)', example: '73282932000074' })
  @Matches(/^\d{14}$/, { message: 'doit compter 14 chiffres' })
  companySiret: string;

  @ApiPropertyOptional({ description: 'Marché concerné ; absent : tous les marchés de l’entreprise dans la structure' })
  @IsOptional()
  @IsUUID('all', { message: 'doit être un identifiant (UUID)' })
  marketId?: string;

  @ApiProperty({ description: 'Premier mois de la période (AAAA-MM)', example: '2017-01' })
  @Matches(MONTH, { message: 'doit être un mois AAAA-MM' })
  fromMonth: string;

  @ApiProperty({ description: 'Dernier mois de la période (AAAA-MM)', example: '2017-12' })
  @Matches(MONTH, { message: 'doit être un mois AAAA-MM' })
  toMonth: string;
}

export class IssueMarketYearAttestationDto {
  @ApiProperty({ description: 'Marché de l’acheteur' })
  @IsUUID('all', { message: 'doit être un identifiant (UUID)' })
  marketId: string;

  @ApiProperty({ description: 'Année de l’état', example: 2017, type: 'integer' })
  @Type(() => Number)
  @IsInt({ message: 'doit être une année (nombre entier)' })
  @Min(2000, { message: 'doit être 2000 ou après' })
  @Max(2100, { message: 'doit être 2100 ou avant' })
  year: number;
}

export class RevokeAttestationDto {
  @ApiProperty({ description: 'Motif de la révocation, affiché sur la page de vérification' })
  @IsString({ message: 'doit être un texte' })
  @MinLength(5, { message: 'doit dire le motif en 5 caractères au moins' })
  @MaxLength(500, { message: 'doit faire 500 caractères au plus' })
  reason: string;
}

export class AttestationDto {
  @ApiProperty() id: string;
  @ApiProperty({ description: 'Code de vérification (XXXX-XXXX-XXXX-XXXX)' }) code: string;
  @ApiProperty({ enum: ATTESTATION_KINDS }) kind: string;
  @ApiProperty({ description: 'Adresse publique de vérification (celle du QR code)' }) verifyUrl: string;
  @ApiProperty() periodFrom: string;
  @ApiProperty() periodTo: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'Ce que l’attestation atteste, figé à sa délivrance' }) facts: Record<string, unknown>;
  @ApiProperty() issuedAt: Date;
  @ApiProperty({ nullable: true, type: String }) revokedAt: Date | null;
  @ApiProperty({ nullable: true, type: String }) revocationReason: string | null;
}

export class VerificationDto {
  @ApiProperty() code: string;
  @ApiProperty({ enum: ['VALID', 'CHANGED', 'REVOKED'], description: 'VALID : chiffres inchangés ; CHANGED : les chiffres de la plateforme ont changé depuis la délivrance ; REVOKED : révoquée' })
  status: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) facts: Record<string, unknown>;
  @ApiProperty() issuedAt: Date;
  @ApiProperty({ nullable: true, type: String }) revokedAt: Date | null;
  @ApiProperty({ nullable: true, type: String }) revocationReason: string | null;
  @ApiProperty({ description: 'Total des heures selon les chiffres du jour' }) currentTotalHours: string;
}
