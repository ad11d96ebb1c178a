import { Role } from '../../src/platform/auth/roles';
import { accountWithToken, createStructure, startTestApp, TestApp } from '../support/app';
import { importCsv, importFixtures } from '../support/fixtures';

/** Enough contracts that their hours span three chunks of a merge while read (4,096 rows, then 8,192, then the rest). */
const CONTRACTS = 1100;
const MONTHS = ['2017-06', '2017-07', '2017-08', '2017-09', '2017-10', '2017-11', '2017-12', '2018-01', '2018-02', '2018-03', '2018-04', '2018-05', '2018-06'];
const ROWS = CONTRACTS * MONTHS.length;

const contractRef = (index: number) => `CT-LOT-${String(index).padStart(4, '0')}`;

/** The hours of every contract, every month, in file order: each row's line is its index + 2. */
function hoursRows(): string[][] {
  const rows: string[][] = [];
  for (let contract = 1; contract <= CONTRACTS; contract += 1) {
    MONTHS.forEach((month, index) => rows.push([contractRef(contract), month, `${(contract % 100) + index},5`, '']));
  }
  return rows;
}

const csv = (rows: string[][]) => ['work_contract_ref;month;hours_worked;training_hours', ...rows.map((row) => row.join(';'))].join('\n');

describe('an hours file merged while it is read (chunk by chunk, on two connections)', () => {
  let testApp: TestApp;
  let facilitator: string;
  const hoursOf = async () =>
    (await testApp.dataSource.query(`SELECT count(*)::int AS rows, coalesce(sum(hours_worked), 0)::text AS hours FROM hours_entry h JOIN work_contract wc ON wc.id = h.work_contract_id WHERE wc.ref LIKE 'CT-LOT-%'`))[0] as {
      rows: number;
      hours: string;
    };
  const auditRows = async () => (await testApp.dataSource.query(`SELECT count(*)::int AS n FROM audit_entry WHERE entity = 'hours'`))[0].n as number;
  const checkingSessions = async () =>
    (await testApp.dataSource.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name LIKE '%/import-checks'`))[0].n as number;

  beforeAll(async () => {
    testApp = await startTestApp();
    const structure = await createStructure(testApp, 'PLIE-LOTS');
    facilitator = (await accountWithToken(testApp, Role.Facilitator, { structureRef: structure.ref })).token;
    await importFixtures(testApp, facilitator);
    // A participant validated eligible on 2017-05-26, hired by the holder of a market running until June 2018.
    const contracts = Array.from({ length: CONTRACTS }, (_, index) => `${contractRef(index + 1)};P-0001;51234567000214;M17-002;CDD;DIRECT_HIRE;Ouvrier VRD;2017-06-01;2018-06-30`);
    const response = await importCsv(testApp, facilitator, 'work_contracts', ['ref;participant_ref;employer_siret;market_ref;kind;mode;job_title;start_date;end_date', ...contracts].join('\n'));
    expect(response.body).toMatchObject({ inserted: CONTRACTS });
  });
  afterAll(() => testApp.close());

  it('refuses a file whose problems lie in different chunks, lists them all on their lines, and writes nothing', async () => {
    const rows = hoursRows();
    rows[1] = [rows[1]![0]!, rows[1]![1]!, 'douze', '']; // line 3, first chunk: a value that does not read
    rows[5000] = [...rows[0]!]; // line 5002, second chunk: the key of line 2 again
    rows[ROWS - 2] = ['CT-INCONNU', '2017-06', '10', '']; // last chunk: an unknown contract
    rows[ROWS - 1] = [rows[ROWS - 1]![0]!, '2019-01', '10', '']; // last chunk: a month outside the contract
    const response = await importCsv(testApp, facilitator, 'hours', csv(rows)).expect(400);
    expect(response.body.errors).toEqual([
      { line: 3, column: 'hours_worked', message: expect.stringContaining('nombre') },
      { line: 5002, column: 'month', message: 'déjà présent ligne 2 : une seule ligne par work_contract_ref + month' },
      { line: ROWS, column: 'work_contract_ref', message: 'contrat de travail inconnu dans la structure : « CT-INCONNU »' },
      { line: ROWS + 1, column: 'month', message: 'le mois doit tomber dans la période du contrat de travail' },
    ]);
    expect(await hoursOf()).toEqual({ rows: 0, hours: '0' });
    expect(await checkingSessions()).toBe(0);
  });

  it('refuses a key repeated in another chunk of an otherwise clean file', async () => {
    const rows = hoursRows();
    rows[5000] = [rows[0]![0]!, rows[0]![1]!, '20', ''];
    const response = await importCsv(testApp, facilitator, 'hours', csv(rows)).expect(400);
    expect(response.body.errors).toEqual([{ line: 5002, column: 'month', message: 'déjà présent ligne 2 : une seule ligne par work_contract_ref + month' }]);
    expect(await hoursOf()).toEqual({ rows: 0, hours: '0' });
  });

  it('refuses an otherwise clean file whose last chunk breaks a rule checked against the database', async () => {
    const rows = hoursRows();
    rows[ROWS - 1] = [rows[ROWS - 1]![0]!, '2019-01', '10', ''];
    const response = await importCsv(testApp, facilitator, 'hours', csv(rows)).expect(400);
    expect(response.body.errors).toEqual([{ line: ROWS + 1, column: 'month', message: 'le mois doit tomber dans la période du contrat de travail' }]);
    expect(await hoursOf()).toEqual({ rows: 0, hours: '0' });
  });

  it('refuses a key repeated within one chunk, which the merge itself could not write', async () => {
    const rows = hoursRows();
    rows[9001] = [...rows[9000]!];
    const response = await importCsv(testApp, facilitator, 'hours', csv(rows)).expect(400);
    expect(response.body.errors).toEqual([{ line: 9003, column: 'month', message: 'déjà présent ligne 9002 : une seule ligne par work_contract_ref + month' }]);
    expect(await hoursOf()).toEqual({ rows: 0, hours: '0' });
  });

  it('imports every chunk of a clean file, each record carrying the import', async () => {
    const rows = hoursRows();
    const expected = rows.reduce((total, row) => total + Number(row[2]!.replace(',', '.')), 0);
    const response = await importCsv(testApp, facilitator, 'hours', csv(rows)).expect(200);
    expect(response.body).toEqual({ kind: 'hours', inserted: ROWS, updated: 0, unchanged: 0 });
    expect(await hoursOf()).toEqual({ rows: ROWS, hours: expected.toFixed(2) });
    const [{ imports }] = await testApp.dataSource.query(
      `SELECT count(DISTINCT h.created_by_import)::int AS imports FROM hours_entry h JOIN work_contract wc ON wc.id = h.work_contract_id WHERE wc.ref LIKE 'CT-LOT-%'`,
    );
    expect(imports).toBe(1);
    expect(await checkingSessions()).toBe(0);
  });

  it('updates the rows changed in any chunk, field by field in the audit trail, and leaves the others', async () => {
    const rows = hoursRows();
    const changed = [10, 6000, ROWS - 1];
    for (const index of changed) rows[index] = [rows[index]![0]!, rows[index]![1]!, '99', '2'];
    const audited = await auditRows();
    const response = await importCsv(testApp, facilitator, 'hours', csv(rows)).expect(200);
    expect(response.body).toEqual({ kind: 'hours', inserted: 0, updated: changed.length, unchanged: ROWS - changed.length });
    expect(await auditRows()).toBe(audited + changed.length);
    const [last] = await testApp.dataSource.query(
      `SELECT a.changes FROM audit_entry a JOIN hours_entry h ON h.id = a.entity_id JOIN work_contract wc ON wc.id = h.work_contract_id
        WHERE wc.ref = $1 AND h.month = '2018-06-01' AND a.entity = 'hours'`,
      [contractRef(CONTRACTS)],
    );
    expect(last.changes).toMatchObject({ hours_worked: { old: 12.5, new: 99 }, training_hours: { old: 0, new: 2 } });
  });
});
