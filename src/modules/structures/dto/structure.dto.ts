import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { pageDtoOf, PageQuery } from '../../../platform/http/pagination';
import { Structure } from '../structure.entity';
import { STRUCTURE_KINDS, STRUCTURE_REF_PATTERN } from '../structures.rules';
import type { StructureKind } from '../structures.rules';
import { trim } from '../../../platform/validation/transforms';

const KIND_MESSAGE = `doit être l’un de : ${STRUCTURE_KINDS.join(', ')}`;

export class CreateStructureDto {
  @ApiProperty({ description: 'Référence unique de la structure (lettres, chiffres, « - », « _ », « . »)', example: 'PLIE-LYON' })
  @Transform(trim)
  @IsString({ message: 'doit être une chaîne de caractères' })
  @Matches(STRUCTURE_REF_PATTERN, { message: 'doit faire 1 à 50 caractères : lettres, chiffres, « - », « _ » ou « . »' })
  ref: string;

  @ApiProperty({ description: 'Nom de la structure', example: 'PLIE de l’agglomération lyonnaise' })
  @Transform(trim)
  @IsString({ message: 'doit être une chaîne de caractères' })
  @Length(1, 200, { message: 'doit faire de 1 à 200 caractères' })
  name: string;

  @ApiProperty({ description: 'Type de structure', enum: STRUCTURE_KINDS })
  @IsIn(STRUCTURE_KINDS, { message: KIND_MESSAGE })
  kind: StructureKind;

  @ApiPropertyOptional({ description: 'Région', example: 'Auvergne-Rhône-Alpes' })
  @IsOptional()
  @Transform(trim)
  @IsString({ message: 'doit être une chaîne de caractères' })
  @Length(1, 100, { message: 'doit faire de 1 à 100 caractères' })
  region?: string;
}

export class UpdateStructureDto extends PartialType(CreateStructureDto) {}

export class StructureListQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Recherche dans la référence et le nom' })
  @IsOptional()
  @IsString({ message: 'doit être une chaîne de caractères' })
  @Length(1, 100, { message: 'doit faire de 1 à 100 caractères' })
  q?: string;

  @ApiPropertyOptional({ description: 'Type de structure', enum: STRUCTURE_KINDS })
  @IsOptional()
  @IsIn(STRUCTURE_KINDS, { message: KIND_MESSAGE })
  kind?: StructureKind;
}

export class StructureDto {
  @ApiProperty() id: string;
  @ApiProperty({ description: 'Référence unique' }) ref: string;
  @ApiProperty({ description: 'Nom' }) name: string;
  @ApiProperty({ description: 'Type', enum: STRUCTURE_KINDS }) kind: StructureKind;
  @ApiPropertyOptional({ description: 'Région', nullable: true, type: String }) region: string | null;
  @ApiProperty({ description: 'Nombre de comptes facilitateur actifs (tenu à jour en arrière-plan)' }) facilitatorCount: number;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;

  static from(structure: Structure): StructureDto {
    return {
      id: structure.id,
      ref: structure.ref,
      name: structure.name,
      kind: structure.kind,
      region: structure.region,
      facilitatorCount: structure.facilitatorCount,
      createdAt: structure.createdAt.toISOString(),
      updatedAt: structure.updatedAt.toISOString(),
    };
  }
}

export class StructurePageDto extends pageDtoOf('StructurePageDto', StructureDto) {}
