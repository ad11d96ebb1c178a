import { ApiProperty, ApiPropertyOptions } from '@nestjs/swagger';
import { registerDecorator } from 'class-validator';
import { FieldSpec, FieldSpecs } from './fields';
import { apiName } from './record-definition';

/** A field in the OpenAPI document, as a request sends it or as an answer holds it (see `FieldSpec.api`). */
function documented(spec: FieldSpec, required: boolean, direction: 'input' | 'output') {
  return ApiProperty({ description: spec.description, required, nullable: !spec.required, ...spec.api[direction] } as ApiPropertyOptions);
}

/**
 * A class-validator DTO whose properties are a record's fields under their API names, each checked by the field's
 * own parser: the API answers exactly the messages an import would give for the same values. `partial` makes every
 * field optional (PATCH); `omit` leaves out the natural key, which a PATCH cannot change.
 */
export function recordInputDto(name: string, fields: FieldSpecs, options: { partial?: boolean; omit?: string[] } = {}): new () => object {
  const Dto = { [name]: class {} }[name]!;
  for (const [column, spec] of Object.entries(fields)) {
    if (options.omit?.includes(column)) continue;
    const property = apiName(column);
    const required = spec.required && !options.partial;
    documented(spec, required, 'input')(Dto.prototype, property);
    registerDecorator({
      name: 'recordField',
      target: Dto,
      propertyName: property,
      validator: {
        validate: (value: unknown) => (value === undefined ? !required : !('error' in spec.parse(value))),
        defaultMessage: (args) => {
          const parsed = args?.value === undefined ? { error: 'est obligatoire' } : spec.parse(args.value);
          return 'error' in parsed ? parsed.error : 'valeur invalide';
        },
      },
    });
  }
  return Dto;
}

/** The documented shape of a record as the API returns it (Swagger only: answers come from SQL under these names). */
export function recordOutputDto(name: string, fields: FieldSpecs, extra: Record<string, string> = {}): new () => object {
  const Dto = { [name]: class {} }[name]!;
  ApiProperty({ description: 'Identifiant', type: String, format: 'uuid' })(Dto.prototype, 'id');
  for (const [column, spec] of Object.entries(fields)) documented(spec, spec.required, 'output')(Dto.prototype, apiName(column));
  for (const [property, description] of Object.entries(extra)) ApiProperty({ description, type: String, nullable: true })(Dto.prototype, property);
  ApiProperty({ description: 'Création (UTC)', type: String, format: 'date-time' })(Dto.prototype, 'createdAt');
  ApiProperty({ description: 'Dernière modification (UTC)', type: String, format: 'date-time' })(Dto.prototype, 'updatedAt');
  return Dto;
}
