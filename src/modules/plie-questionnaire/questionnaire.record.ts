import { decimal, enumeration, integer, text } from '../../platform/records/fields';
import { RecordDefinition, RowProblem, RowValues } from '../../platform/records/record-definition';
import { declarationProblem, MEASURES, QUESTIONNAIRE_TABLES, QuestionnaireTable } from './questionnaire.rules';

/** The years a questionnaire may be declared for. */
export const FIRST_YEAR = 2000;
export const LAST_YEAR = 2100;

/** A declared row of the catalog, in a measure it takes (`declarationProblem` says why not, in French). */
function normaliseFigure(row: RowValues): { row: RowValues; problems: RowProblem[] } {
  const problem = declarationProblem(row.questionnaire_table as QuestionnaireTable, row.item!, row.measure!);
  return { row, problems: problem ? [{ column: problem.column === 'column' ? 'measure' : 'item', message: problem.message }] : [] };
}

/**
 * One declared figure of a PLIE's yearly questionnaire. The file calls the table and the measure `table` and
 * `column`; importing a year again replaces the structure's figures of that year for the tables the file holds.
 */
export const PLIE_ANNUAL_DATA: RecordDefinition = {
  kind: 'plie_annual_data',
  label: 'chiffre du questionnaire annuel PLIE',
  table: 'plie_annual_figure',
  fields: {
    year: integer({ description: 'Année du questionnaire', required: true, min: FIRST_YEAR, max: LAST_YEAR, example: 2017 }),
    questionnaire_table: enumeration(QUESTIONNAIRE_TABLES, { description: 'Tableau : FINANCING (6), ALLOCATIONS (7) ou ORGANISATION (10)', required: true }),
    item: text({ description: 'Ligne du tableau (axis_3.state, aci, team_staff…)', required: true, max: 80 }),
    measure: enumeration(MEASURES, { description: 'Colonne : direct, indirect, total, esf, value ou amount_eur selon la ligne', required: true }),
    value: decimal({ description: 'Valeur déclarée (montants en euros), positive, 2 décimales au plus', required: true }),
  },
  fileNames: { questionnaire_table: 'table', measure: 'column' },
  key: ['year', 'questionnaire_table', 'item', 'measure'],
  conflictColumns: ['structure_id', 'year', 'questionnaire_table', 'item', 'measure'],
  replaces: ['year', 'questionnaire_table'],
  references: [],
  checks: [
    {
      column: 'structure_ref',
      message: 'la structure n’est pas un PLIE : seuls les PLIE remplissent le questionnaire annuel',
      violatedWhen: `NOT EXISTS (SELECT 1 FROM structure st WHERE st.id = s.structure_id AND st.kind = 'PLIE')`,
    },
  ],
  normalise: normaliseFigure,
};
