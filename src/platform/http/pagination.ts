import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export const MAX_PAGE_SIZE = 200;

export class PageQuery {
  @ApiPropertyOptional({ description: 'Numéro de page, à partir de 1', type: 'integer', minimum: 1, default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'doit être un nombre entier' })
  @Min(1, { message: 'doit valoir 1 au moins' })
  page = 1;

  @ApiPropertyOptional({ description: `Nombre d’éléments par page (${MAX_PAGE_SIZE} au plus)`, type: 'integer', minimum: 1, maximum: MAX_PAGE_SIZE, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'doit être un nombre entier' })
  @Min(1, { message: 'doit valoir 1 au moins' })
  @Max(MAX_PAGE_SIZE, { message: `doit valoir ${MAX_PAGE_SIZE} au plus` })
  pageSize = 50;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export function pageOf<T>(items: T[], total: number, query: PageQuery): Page<T> {
  return { items, total, page: query.page, pageSize: query.pageSize };
}

/** The documented shape of a `Page` of `item` (Swagger). */
export function pageDtoOf(name: string, item: new () => object): new () => object {
  const Dto = { [name]: class {} }[name]!;
  ApiProperty({ type: [item] })(Dto.prototype, 'items');
  ApiProperty({ type: 'integer' })(Dto.prototype, 'total');
  ApiProperty({ type: 'integer' })(Dto.prototype, 'page');
  ApiProperty({ type: 'integer' })(Dto.prototype, 'pageSize');
  return Dto;
}
