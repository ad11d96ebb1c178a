import { FieldProblem } from '../http/domain-errors';
import { FieldSpec } from '../records/fields';
import { apiName, RecordDefinition } from '../records/record-definition';
import { CheckboxesField, ErrorSummary, fieldId, SelectField, TextField } from './components';
import { decimalText } from './format';
import { h, Html } from './jsx';

/** French labels of coded values, by field column; a value without a label shows its code. */
export type ValueLabels = Record<string, Record<string, string>>;

export interface RecordFormProps {
  definition: RecordDefinition;
  /** The values shown: the record as the API answers it, or what was just submitted. */
  values: Record<string, unknown>;
  problems: FieldProblem[];
  valueLabels?: ValueLabels;
  /** Fields not asked (the natural key of an existing record, a parent given by the address). */
  omit?: string[];
  /** Suggestions for the fields that name another record (`<datalist>`), by column. */
  suggestions?: Record<string, [string, string][]>;
  /** Attributes added to a field's input (htmx on the objective's inputs). */
  extra?: Record<string, Record<string, string>>;
}

function options(spec: FieldSpec, labels: Record<string, string> | undefined): [string, string][] {
  return (spec.values ?? []).map((value) => [value, labels?.[value] ?? value]);
}

function textOf(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  return Array.isArray(value) ? value.join('|') : String(value);
}

/** One field, asked the way its type reads it (see FieldSpec.control). */
function RecordField({ column, spec, props }: { column: string; spec: FieldSpec; props: RecordFormProps }): Html {
  const name = apiName(column);
  const value = props.values[name];
  const error = props.problems.find((problem) => problem.champ === name)?.message;
  const common = { name, label: spec.description, error, required: spec.required };
  const labels = props.valueLabels?.[column];
  switch (spec.control) {
    case 'choice':
      return <SelectField {...common} options={options(spec, labels)} value={textOf(value)} />;
    case 'choices':
      return <CheckboxesField {...common} options={options(spec, labels)} values={Array.isArray(value) ? value.map(String) : typeof value === 'string' ? value.split('|') : []} />;
    case 'boolean':
      return <SelectField {...common} options={[['true', 'Oui'], ['false', 'Non']]} value={textOf(value)} empty="— Par défaut —" />;
    case 'date':
      return <TextField {...common} type="date" value={textOf(value)} hint="Format JJ/MM/AAAA" />;
    case 'month':
      return <TextField {...common} type="month" value={textOf(value)} hint="Format AAAA-MM" />;
    case 'decimal':
      return <TextField {...common} inputmode="decimal" value={typeof value === 'string' ? decimalText(value) : textOf(value)} hint="Nombre, décimales avec une virgule" extra={props.extra?.[column]} />;
    case 'text': {
      const suggestions = props.suggestions?.[column];
      return (
        <div>
          <TextField {...common} value={textOf(value)} extra={{ ...(suggestions ? { list: `${fieldId(name)}-suggestions` } : {}), ...props.extra?.[column] }} />
          {suggestions ? (
            <datalist id={`${fieldId(name)}-suggestions`}>
              {suggestions.map(([key, label]) => (
                <option value={key}>{label}</option>
              ))}
            </datalist>
          ) : null}
        </div>
      );
    }
  }
}

/** The labels of a definition's fields under their API names: what the error summary calls each field. */
export function fieldLabels(definition: RecordDefinition): Record<string, string> {
  return Object.fromEntries(Object.entries(definition.fields).map(([column, spec]) => [apiName(column), spec.description]));
}

/** Every field of a record, with the refused ones marked and summarised at the top. */
export function RecordFields(props: RecordFormProps): Html {
  return (
    <div>
      <ErrorSummary problems={props.problems} labels={fieldLabels(props.definition)} />
      {Object.entries(props.definition.fields)
        .filter(([column]) => !props.omit?.includes(column))
        .map(([column, spec]) => (
          <RecordField column={column} spec={spec} props={props} />
        ))}
    </div>
  );
}
