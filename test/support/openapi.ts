/** A schema of the OpenAPI document, as far as this API uses them. */
interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  pattern?: string;
  enum?: unknown[];
  nullable?: boolean;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  allOf?: Schema[];
  oneOf?: Schema[];
  additionalProperties?: boolean | Schema;
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: Schema }> }> }>>;
  components: { schemas: Record<string, Schema> };
}

const FORMATS: Record<string, RegExp> = {
  date: /^\d{4}-\d{2}-\d{2}$/,
  'date-time': /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/,
  uuid: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
};

/**
 * Where `value` departs from `schema`: wrong types, formats and patterns, missing required properties, and
 * properties the document does not declare (an answer must not hold more than its documentation says).
 */
export function schemaProblems(document: OpenApiDocument, schema: Schema, value: unknown, at = '$'): string[] {
  if (schema.$ref) return schemaProblems(document, document.components.schemas[schema.$ref.replace('#/components/schemas/', '')]!, value, at);
  if (value === null) return schema.nullable ? [] : [`${at}: null where the document says it is never null`];
  if (schema.allOf) return schema.allOf.flatMap((part) => schemaProblems(document, part, value, at));
  if (schema.oneOf) return schema.oneOf.some((option) => schemaProblems(document, option, value, at).length === 0) ? [] : [`${at}: none of the documented forms`];
  const problems: string[] = [];
  const actual = Array.isArray(value) ? 'array' : typeof value;
  const expected = schema.type ?? (schema.properties ? 'object' : undefined);
  if (expected === 'integer' ? !Number.isInteger(value) : expected !== undefined && actual !== expected) return [`${at}: ${actual} where the document says ${expected}`];
  if (schema.enum && !schema.enum.includes(value)) problems.push(`${at}: ${JSON.stringify(value)} is not one of ${JSON.stringify(schema.enum)}`);
  if (typeof value === 'string') {
    if (schema.pattern && !new RegExp(schema.pattern).test(value)) problems.push(`${at}: ${JSON.stringify(value)} does not match ${schema.pattern}`);
    if (schema.format && FORMATS[schema.format] && !FORMATS[schema.format]!.test(value)) problems.push(`${at}: ${JSON.stringify(value)} is not a ${schema.format}`);
  }
  if (Array.isArray(value) && schema.items) value.forEach((item, index) => problems.push(...schemaProblems(document, schema.items!, item, `${at}[${index}]`)));
  if (actual === 'object' && schema.properties) {
    const record = value as Record<string, unknown>;
    for (const name of schema.required ?? []) if (!(name in record)) problems.push(`${at}.${name}: required, absent`);
    for (const [name, item] of Object.entries(record)) {
      const property = schema.properties[name];
      if (!property) problems.push(`${at}.${name}: not in the document`);
      else problems.push(...schemaProblems(document, property, item, `${at}.${name}`));
    }
  }
  return problems;
}
