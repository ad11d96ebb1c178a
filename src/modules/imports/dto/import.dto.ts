import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { TextFilter } from '../../../platform/http/filter.decorators';
import { IMPORT_KINDS } from '../imports.rules';

export class ImportQuery {
  @TextFilter('Administrateur : structure de destination des lignes sans colonne structure_ref')
  structure?: string;
}

export class ImportUploadDto {
  @ApiProperty({ type: 'string', format: 'binary', description: 'Fichier CSV (UTF-8, séparateur « ; » ou « , »), en-têtes selon IMPORT-FORMATS' })
  file: unknown;
}

export class ImportLineErrorDto {
  @ApiProperty({ description: 'Numéro de ligne (l’en-tête est la ligne 1)' }) line: number;
  @ApiProperty({ description: 'Colonne en cause' }) column: string;
  @ApiProperty({ description: 'Le problème, en français' }) message: string;
}

export class ImportAnswerDto {
  @ApiProperty({ enum: IMPORT_KINDS }) kind: string;
  @ApiPropertyOptional({ description: 'Enregistrements créés' }) inserted?: number;
  @ApiPropertyOptional({ description: 'Enregistrements modifiés' }) updated?: number;
  @ApiPropertyOptional({ description: 'Lignes identiques à l’existant' }) unchanged?: number;
  @ApiPropertyOptional({ type: [ImportLineErrorDto], description: 'Refus : chaque ligne invalide ; rien n’est écrit' }) errors?: ImportLineErrorDto[];
}

export class ImportStructureCountsDto {
  @ApiProperty() ref: string;
  @ApiProperty({ type: 'integer' }) inserted: number;
  @ApiProperty({ type: 'integer' }) updated: number;
  @ApiProperty({ type: 'integer' }) unchanged: number;
}

export class ImportRecordDto {
  @ApiProperty({ description: 'Numéro de l’import' }) id: string;
  @ApiProperty({ enum: IMPORT_KINDS }) kind: string;
  @ApiProperty({ nullable: true, type: String, description: 'Nom du fichier envoyé' }) fileName: string | null;
  @ApiProperty({ type: 'integer', description: 'Taille du fichier, en octets' }) sizeBytes: number;
  @ApiProperty({ description: 'SHA-256 du fichier (hexadécimal)' }) sha256: string;
  @ApiProperty({ type: 'integer' }) inserted: number;
  @ApiProperty({ type: 'integer' }) updated: number;
  @ApiProperty({ type: 'integer' }) unchanged: number;
  @ApiProperty({ type: 'integer', nullable: true, description: 'Enregistrements remplacés (questionnaire)' }) deleted: number | null;
  @ApiProperty({ type: 'integer', description: 'Durée de l’import, en millisecondes' }) durationMs: number;
  @ApiProperty({ description: 'Auteur (e-mail), ou « cli »' }) actor: string;
  @ApiProperty({ description: 'Date (UTC)' }) at: string;
  @ApiProperty({ type: [ImportStructureCountsDto], description: 'Structures où le fichier a écrit' }) structures: ImportStructureCountsDto[];
}
