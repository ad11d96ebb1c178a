import { enumeration, reference, text } from './fields';
import { RecordDefinition } from './record-definition';
import { detectSeparator, headerProblems } from './record-importer';

const THINGS: RecordDefinition = {
  kind: 'things',
  label: 'chose',
  table: 'thing',
  fields: { ref: reference('r'), name: text({ description: 'n', required: true }), colour: enumeration(['RED'], { description: 'c' }) },
  key: ['ref'],
  conflictColumns: ['structure_id', 'ref'],
  references: [],
  checks: [],
  normalise: (row) => ({ row, problems: [] }),
};

describe('import files', () => {
  it.each([
    ['ref;name;colour', ';'],
    ['ref,name,colour', ','],
    ['"ref;x",name,colour', ','],
    ['ref', ','],
  ])('detects the separator of %s', (header, separator) => expect(detectSeparator(header)).toBe(separator));

  it('reports unknown, repeated and missing columns on line 1', () => {
    expect(headerProblems(THINGS, ['ref', 'size', 'ref', 'structure_ref'])).toEqual([
      { line: 1, column: 'size', message: 'colonne inconnue : les colonnes possibles sont ref, name, colour, structure_ref' },
      { line: 1, column: 'ref', message: 'colonne présente deux fois' },
      { line: 1, column: 'name', message: 'colonne obligatoire absente' },
    ]);
    expect(headerProblems(THINGS, ['name', 'ref'])).toEqual([]);
  });
});
