import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';

/** An optional text filter of a list query (a reference, a SIRET…). */
export const TextFilter = (description: string) =>
  applyDecorators(
    ApiPropertyOptional({ description }),
    IsOptional(),
    IsString({ message: 'doit être une chaîne de caractères' }),
    Length(1, 80, { message: 'doit faire de 1 à 80 caractères' }),
  );

/** An optional filter on one value of an enumeration. */
export const EnumFilter = (values: readonly string[], description: string) =>
  applyDecorators(ApiPropertyOptional({ enum: values, description }), IsOptional(), IsIn(values, { message: `doit être l’un de : ${values.join(', ')}` }));
