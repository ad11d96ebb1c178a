import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AWARDS } from '../../src/modules/awards/awards.record';
import { BUYERS } from '../../src/modules/buyers/buyers.record';
import { COMPANIES } from '../../src/modules/companies/companies.record';
import { HOURS } from '../../src/modules/hours/hours.record';
import { MARKETS } from '../../src/modules/markets/markets.record';
import { OPERATIONS } from '../../src/modules/operations/operations.record';
import { PARTICIPANTS } from '../../src/modules/participants/participants.record';
import { PLIE_PATHWAYS, PLIE_STEPS } from '../../src/modules/plie/plie.record';
import { PLIE_ANNUAL_DATA } from '../../src/modules/plie-questionnaire/questionnaire.record';
import { fileColumn } from '../../src/platform/records/record-definition';
import { WORK_CONTRACTS } from '../../src/modules/work-contracts/work-contracts.record';
import { IMPORT_KINDS } from '../../src/modules/imports/imports.rules';
import { STRUCTURES_IMPORT } from '../../src/modules/structures/structures.record';

/** The project's documentation against its code: the import files' page says what the importer reads, every kind, every column. */
describe('docs/import-formats.md', () => {
  const documentation = readFileSync(join(__dirname, '..', '..', 'docs', 'import-formats.md'), 'utf8');
  const definitions = [STRUCTURES_IMPORT, BUYERS, OPERATIONS, MARKETS, COMPANIES, AWARDS, PARTICIPANTS, WORK_CONTRACTS, HOURS, PLIE_PATHWAYS, PLIE_STEPS, PLIE_ANNUAL_DATA];

  it('documents every kind the importer takes', () => {
    expect(definitions.map((definition) => definition.kind)).toEqual([...IMPORT_KINDS]);
  });

  it.each(definitions.map((definition) => [definition.kind, definition] as const))('lists the columns of %s as the importer reads them', (kind, definition) => {
    const row = documentation.split('\n').find((line) => line.startsWith(`| ${kind} |`));
    expect(row).toBeDefined();
    for (const [field, spec] of Object.entries(definition.fields)) {
      const column = fileColumn(definition, field);
      expect(row).toContain(spec.required ? `**${column}**` : ` ${column}`);
    }
  });
});
