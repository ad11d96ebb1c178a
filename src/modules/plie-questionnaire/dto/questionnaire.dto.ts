import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsDefined, IsString, ValidateNested } from 'class-validator';
import { CATALOG, MEASURES } from '../questionnaire.rules';

/** The most figures a table holds (every declared measure of every row). */
const MAX_FIGURES = Object.values(CATALOG).reduce((most, rows) => Math.max(most, rows.length * 2), 0);

export class DeclaredFigureDto {
  @ApiProperty({ description: 'Ligne du tableau', example: 'axis_3.state' })
  @IsString({ message: 'doit être une chaîne de caractères' })
  item: string;

  @ApiProperty({ description: 'Colonne', enum: MEASURES, example: 'direct' })
  @IsString({ message: 'doit être une chaîne de caractères' })
  column: string;

  @ApiProperty({ description: 'Valeur : nombre positif, 2 décimales au plus (texte avec « , » ou « . », ou nombre)', example: '4457585' })
  @IsDefined({ message: 'est obligatoire' })
  value: string | number;
}

/** A table of the questionnaire as a whole: the figures given replace those of the table for the year. */
export class ReplaceQuestionnaireTableDto {
  @ApiProperty({ type: [DeclaredFigureDto], description: 'Les chiffres déclarés du tableau (une liste vide efface le tableau de l’année)' })
  @IsArray({ message: 'doit être une liste' })
  @ArrayMaxSize(MAX_FIGURES, { message: `${MAX_FIGURES} chiffres au plus` })
  @ValidateNested({ each: true })
  @Type(() => DeclaredFigureDto)
  figures: DeclaredFigureDto[];
}

export class QuestionnaireRowDto {
  @ApiProperty({ example: 'axis_3.state' }) key: string;
  @ApiProperty({ nullable: true, example: 'axis_3' }) group: string | null;
  @ApiProperty({ example: 'État' }) label: string;
  @ApiProperty({ description: 'Ligne calculée (sous-total, total) plutôt que déclarée' }) computed: boolean;
  @ApiProperty({ description: 'Valeur de chaque colonne (texte décimal exact, null quand rien ne la renseigne)', example: { direct: '4457585', indirect: '18827052', total: '23284637' } })
  values: Record<string, string | null>;
}

export class QuestionnaireTableDto {
  @ApiProperty({ example: 'FINANCING' }) table: string;
  @ApiProperty({ example: 'Tableau 6 — Financements mobilisés et non mobilisés' }) title: string;
  @ApiProperty({ description: 'Nombre de chiffres déclarés (0 : tableau sans réponse)' }) declared: number;
  @ApiProperty({ type: [QuestionnaireRowDto] }) rows: QuestionnaireRowDto[];
}

export class QuestionnaireDto {
  @ApiProperty({ example: 2017 }) year: number;
  @ApiProperty({ type: [QuestionnaireTableDto] }) tables: QuestionnaireTableDto[];
}

export class QuestionnaireRespondentDto {
  @ApiProperty({ example: 'PLIE-SUD-LYONNAIS' }) structureRef: string;
  @ApiProperty({ example: 'PLIE du Sud lyonnais' }) structureName: string;
  @ApiProperty({ description: 'Chiffres déclarés par tableau', example: { FINANCING: 12, ALLOCATIONS: 0, ORGANISATION: 20 } })
  declared: Record<string, number>;
  @ApiProperty({ nullable: true, description: 'Dernière modification du questionnaire de l’année' }) lastChangedAt: string | null;
}
