import { ApiProperty } from '@nestjs/swagger';
import { registerDecorator } from 'class-validator';
import { FieldSpec, FieldSpecs } from './fields';
import { apiName } from './record-definition';

function documented(spec: FieldSpec, required: boolean) {
  const type = spec.apiType === 'array' ? String : spec.apiType === 'number' ? Number : spec.apiType === 'boolean' ? Boolean : String;
  return ApiProperty({ description: spec.description, required, type, isArray: spec.apiType === 'array', enum: spec.values, nullable: !spec.required });
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
    documented(spec, required)(Dto.prototype, property);
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
  ApiProperty({ description: 'Identifiant', type: String })(Dto.prototype, 'id');
  for (const [column, spec] of Object.entries(fields)) documented(spec, spec.required)(Dto.prototype, apiName(column));
  for (const [property, description] of Object.entries(extra)) ApiProperty({ description, type: String, nullable: true })(Dto.prototype, property);
  ApiProperty({ description: 'Création (UTC)', type: String })(Dto.prototype, 'createdAt');
  ApiProperty({ description: 'Dernière modification (UTC)', type: String })(Dto.prototype, 'updatedAt');
  return Dto;
}
