import { readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { Role } from '../../src/platform/auth/roles';
import { UPLOAD_PREFIX } from '../../src/platform/http/files';
import { accountWithToken, createStructure, startTestApp, TestApp } from '../support/app';
import { waitFor } from '../support/wait';
import { FIXTURE_DIR, FIXTURE_KINDS, importCsv, importFile, importFixtures } from '../support/fixtures';

/** A text as French Excel saves it (Windows-1252): Latin-1, with the typographic characters of 0x80–0x9F. */
function windows1252(text: string): Buffer {
  const high: Record<string, number> = { '€': 0x80, '’': 0x92, '–': 0x96, 'Œ': 0x8c, 'œ': 0x9c };
  return Buffer.from([...text].map((character) => high[character] ?? character.charCodeAt(0)));
}

const count = (testApp: TestApp, table: string) =>
  testApp.dataSource.query(`SELECT count(*)::int AS n FROM ${table}`).then((rows: { n: number }[]) => rows[0].n);

describe('bulk import', () => {
  let testApp: TestApp;
  let facilitator: string;
  let admin: string;

  beforeAll(async () => {
    testApp = await startTestApp();
    const structure = await createStructure(testApp, 'PLIE-SUD');
    await createStructure(testApp, 'PLIE-NORD');
    facilitator = (await accountWithToken(testApp, Role.Facilitator, { structureRef: structure.ref })).token;
    admin = (await accountWithToken(testApp, Role.Admin)).token;
  });
  afterAll(() => testApp.close());

  it('imports the fixture structure, every row inserted', async () => {
    const answers = await importFixtures(testApp, facilitator);
    const rows = (kind: string) => readFileSync(join(FIXTURE_DIR, `${kind}.csv`), 'utf8').trim().split('\n').length - 1;
    for (const kind of FIXTURE_KINDS) expect(answers[kind]).toEqual({ kind, inserted: rows(kind), updated: 0, unchanged: 0, ...(kind === 'plie_annual_data' ? { deleted: 0 } : {}) });
    expect(await count(testApp, 'hours_entry')).toBe(377);
    const statuses = await testApp.dataSource.query(`SELECT DISTINCT status FROM hours_entry`);
    expect(statuses).toEqual([{ status: 'VALIDATED' }]);
  });

  it('changes nothing when the same file is imported again, and says so', async () => {
    for (const kind of FIXTURE_KINDS) {
      const response = await importFile(testApp, facilitator, kind, join(FIXTURE_DIR, `${kind}.csv`)).expect(200);
      expect(response.body).toMatchObject({ kind, inserted: 0, updated: 0 });
      expect(response.body.unchanged).toBeGreaterThan(0);
    }
  });

  it('computes a missing objective from amount, labour share, insertion rate and hourly cost', async () => {
    const [market] = await testApp.dataSource.query(`SELECT hours_objective::text AS objective, hours_objective_computed FROM market WHERE ref = 'M17-003'`);
    // 1,000,000 € × 50 % × 5 % ÷ 30 € = 833 h
    expect(market).toEqual({ objective: '833.00', hours_objective_computed: true });
  });

  it('updates a changed row, leaves the others, and keeps the change in the audit trail', async () => {
    const csv = 'work_contract_ref,month,hours_worked,training_hours\nCT-0001,2017-07,100,\nCT-0001,2017-08,75,\n';
    const response = await importCsv(testApp, facilitator, 'hours', csv).expect(200);
    expect(response.body).toEqual({ kind: 'hours', inserted: 0, updated: 1, unchanged: 1 });
    const [entry] = await testApp.dataSource.query(
      `SELECT h.id, h.hours_worked::text AS hours FROM hours_entry h JOIN work_contract wc ON wc.id = h.work_contract_id WHERE wc.ref = 'CT-0001' AND h.month = '2017-07-01'`,
    );
    expect(entry.hours).toBe('100.00');
    const history = await request(testApp.http).get('/audit').query({ entity: 'hours', id: entry.id }).set('Authorization', `Bearer ${facilitator}`).expect(200);
    expect(history.body.map((item: { action: string }) => item.action)).toEqual(['IMPORT', 'UPDATE']);
    expect(history.body[1].changes.hours_worked).toEqual({ old: 151.67, new: 100 });
    // Re-imported hours are validated again, by the importer, now.
    expect(Object.keys(history.body[1].changes).sort()).toEqual(['hours_worked', 'validated_at']);
  });

  it('refuses a file with invalid rows, names each line, column and problem in French, and writes nothing', async () => {
    const before = await count(testApp, 'hours_entry');
    const csv = [
      'work_contract_ref;month;hours_worked;training_hours',
      'CT-0001;2017-09;35;',
      'CT-0001;2017-13;35;',
      'CT-0001;2017-10;-4;',
      'CT-0001;2017-10;200;30',
      'CT-9999;2017-10;10;',
      'CT-0001;2016-01;10;',
      'CT-0001;2017-09;12;',
    ].join('\n');
    const response = await importCsv(testApp, facilitator, 'hours', csv).expect(400);
    expect(response.body.kind).toBe('hours');
    expect(response.body.errors).toEqual([
      { line: 3, column: 'month', message: 'doit être un mois AAAA-MM' },
      { line: 4, column: 'hours_worked', message: 'doit être positif ou nul' },
      { line: 5, column: 'hours_worked', message: 'heures travaillées + heures de formation = 230 h : 220 h au plus par mois sur un contrat' },
      // Line 4 is refused for its own value, and still counts as the first line of its contract and month.
      { line: 5, column: 'month', message: 'déjà présent ligne 4 : une seule ligne par work_contract_ref + month' },
      { line: 6, column: 'work_contract_ref', message: 'contrat de travail inconnu dans la structure : « CT-9999 »' },
      { line: 7, column: 'month', message: 'le mois doit tomber dans la période du contrat de travail' },
      { line: 8, column: 'month', message: 'déjà présent ligne 2 : une seule ligne par work_contract_ref + month' },
    ]);
    expect(await count(testApp, 'hours_entry')).toBe(before);
  });

  it('refuses unknown and missing columns on the header line', async () => {
    const response = await importCsv(testApp, facilitator, 'buyers', 'ref,name,colour\nB1,Ville,bleu\n').expect(400);
    expect(response.body.errors).toEqual([
      { line: 1, column: 'colour', message: expect.stringContaining('colonne inconnue') },
      { line: 1, column: 'kind', message: 'colonne obligatoire absente' },
    ]);
  });

  it('refuses a work contract whose participant was not validated eligible by its start, and one outside its market', async () => {
    const csv = [
      'ref;participant_ref;employer_siret;market_ref;kind;mode;job_title;start_date;end_date',
      'CT-X1;P-0002;43210987000118;M17-003;CDD;DIRECT_HIRE;Maçon;2017-03-01;2017-06-30',
      'CT-X2;P-0003;43210987000118;M17-003;CDD;DIRECT_HIRE;Maçon;2019-01-01;2019-02-28',
      'CT-X3;P-0003;81234567000515;M17-003;CDD;DIRECT_HIRE;Maçon;2017-12-01;2017-12-31',
    ].join('\n');
    const response = await importCsv(testApp, facilitator, 'work_contracts', csv).expect(400);
    const problems = response.body.errors.map((error: { line: number; column: string }) => `${error.line}:${error.column}`);
    expect(problems).toEqual(expect.arrayContaining(['2:participant_ref', '3:start_date', '3:end_date', '4:employer_siret']));
  });

  it('lets an administrator load several structures with a structure_ref column, and refuses a facilitator the other one', async () => {
    const csv = 'structure_ref,ref,name,kind,siret\nPLIE-NORD,B-N1,Ville de Villeurbanne,MUNICIPALITY,\nPLIE-SUD,B-S9,Département du Rhône,DEPARTMENT,\n';
    expect((await importCsv(testApp, admin, 'buyers', csv).expect(200)).body).toEqual({ kind: 'buyers', inserted: 2, updated: 0, unchanged: 0 });
    const refused = await importCsv(testApp, facilitator, 'buyers', csv).expect(400);
    expect(refused.body.errors).toEqual([{ line: 2, column: 'structure_ref', message: 'un facilitateur n’importe que dans sa propre structure (PLIE-SUD)' }]);
  });

  it('asks an administrator which structure when the file does not say', async () => {
    const csv = 'ref,name,kind\nB-Z,Commune de Givors,MUNICIPALITY\n';
    const refused = await importCsv(testApp, admin, 'buyers', csv).expect(400);
    expect(refused.body.errors[0]).toMatchObject({ line: 2, column: 'structure_ref' });
    await importCsv(testApp, admin, 'buyers', csv, { structure: 'plie-nord' }).expect(200);
  });

  it('imports structures for an administrator only', async () => {
    const csv = 'ref,name,kind,region\nmde-est,Maison de l’Emploi de l’Est lyonnais,MDE,Auvergne-Rhône-Alpes\n';
    expect((await importCsv(testApp, admin, 'structures', csv).expect(200)).body).toEqual({ kind: 'structures', inserted: 1, updated: 0, unchanged: 0 });
    await importCsv(testApp, facilitator, 'structures', csv).expect(403);
  });

  it('answers 400 for an unknown kind and for a missing file', async () => {
    const unknown = await importCsv(testApp, facilitator, 'pathways', 'a\n1\n').expect(400);
    expect(unknown.body.erreurs[0]).toMatchObject({ champ: 'kind' });
    const missing = await request(testApp.http).post('/imports/hours').set('Authorization', `Bearer ${facilitator}`).expect(400);
    expect(missing.body.erreurs).toEqual([{ champ: 'file', message: 'fichier CSV attendu (champ multipart « file »)' }]);
    // A file sent under another field name is not taken for the import's.
    const misnamed = await request(testApp.http)
      .post('/imports/buyers')
      .set('Authorization', `Bearer ${facilitator}`)
      .attach('fichier', Buffer.from('ref,name,kind\nB-MISNAMED,Ville,MUNICIPALITY\n'), 'buyers.csv')
      .expect(400);
    expect(misnamed.body.erreurs).toEqual([{ champ: 'file', message: 'fichier CSV attendu (champ multipart « file »)' }]);
    expect(await testApp.dataSource.query(`SELECT id FROM buyer WHERE ref = 'B-MISNAMED'`)).toEqual([]);
  });

  it('reports a malformed CSV instead of failing, keeps none of the rows read before it, and imports the next file', async () => {
    const response = await importCsv(testApp, facilitator, 'buyers', 'ref,name,kind\nB-BEFORE,Ville,MUNICIPALITY\n"B1,Ville,MUNICIPALITY\n').expect(400);
    expect(response.body.errors).toEqual([expect.objectContaining({ line: 3, message: expect.stringContaining('fichier CSV mal formé') })]);
    expect(await testApp.dataSource.query(`SELECT id FROM buyer WHERE ref = 'B-BEFORE'`)).toEqual([]);
    await importCsv(testApp, facilitator, 'buyers', 'ref,name,kind\nB-AFTER,Ville,MUNICIPALITY\n').expect(200);
  });

  it('keeps tabs, backslashes and line breaks of quoted cells as written', async () => {
    const name = 'Ville\tde « Saint-Fons »\\Vénissieux\r\nservice achats\nbâtiment \\N';
    await importCsv(testApp, facilitator, 'buyers', `ref,name,kind\nB-ODD,"${name}",MUNICIPALITY\nB-NEXT,Ville,MUNICIPALITY\n`).expect(200);
    expect(await testApp.dataSource.query(`SELECT ref, name FROM buyer WHERE ref IN ('B-ODD', 'B-NEXT') ORDER BY ref`)).toEqual([
      { ref: 'B-NEXT', name: 'Ville' },
      { ref: 'B-ODD', name },
    ]);
  });
  it('reads a file French Excel saved in Windows-1252 with its accents, euro sign and curly apostrophes', async () => {
    const name = 'Communauté de communes d’Épernay – Œuvres € 2017';
    const bytes = Buffer.concat([Buffer.from('ref;name;kind\nCC-EPERNAY;', 'latin1'), windows1252(name), Buffer.from(';INTERMUNICIPAL\n', 'latin1')]);
    await request(testApp.http).post('/imports/buyers').set('Authorization', `Bearer ${facilitator}`).attach('file', bytes, { filename: 'acheteurs.csv', contentType: 'text/csv' }).expect(200);
    const [buyer] = await testApp.dataSource.query(`SELECT name FROM buyer WHERE ref = 'CC-EPERNAY'`);
    expect(buyer.name).toBe(name);
    expect(buyer.name).not.toContain('\uFFFD');
  });

  it('refuses a NUL byte or another control character in a cell, naming its line and column', async () => {
    const response = await importCsv(testApp, facilitator, 'buyers', 'ref,name,kind\nB-NUL,Vil\u0000le,MUNICIPALITY\nB-BEL,Ville\u0007,MUNICIPALITY\n').expect(400);
    expect(response.body.errors).toEqual([
      { line: 2, column: 'name', message: 'contient un caractère de contrôle (octet nul…) : retirez-le' },
      { line: 3, column: 'name', message: 'contient un caractère de contrôle (octet nul…) : retirez-le' },
    ]);
    expect(await testApp.dataSource.query(`SELECT id FROM buyer WHERE ref LIKE 'B-NUL%' OR ref = 'B-BEL'`)).toEqual([]);
  });

  it('says in French what is wrong with a malformed CSV line', async () => {
    const opening = await importCsv(testApp, facilitator, 'buyers', 'ref,name,kind\nB-Q,Ville "du" Nord,MUNICIPALITY\n').expect(400);
    expect(opening.body.errors).toEqual([{ line: 2, column: '', message: expect.stringMatching(/^fichier CSV mal formé : guillemet ouvrant au milieu d’une valeur/) }]);
    const unclosed = await importCsv(testApp, facilitator, 'buyers', 'ref,name,kind\nB-Q,"Ville,MUNICIPALITY\n').expect(400);
    expect(unclosed.body.errors[0].message).toBe('fichier CSV mal formé : guillemet ouvert jamais refermé : le fichier se termine au milieu d’une valeur');
    expect(JSON.stringify([opening.body, unclosed.body])).not.toMatch(/Invalid|Quote|Not Closed/);
  });

  it('caps lines, cells, columns and the problems listed, whatever the file', async () => {
    const longLine = await importCsv(testApp, facilitator, 'buyers', `ref,name,kind\nB-LONG,${'x'.repeat(100_000)},MUNICIPALITY\n`).expect(400);
    expect(longLine.body.errors).toEqual([{ line: 2, column: '', message: 'fichier CSV mal formé : ligne de plus de 64 Ko : ce n’est pas une ligne d’export de tableur' }]);
    const bigCell = await importCsv(testApp, facilitator, 'buyers', `ref,name,kind\nB-BIG,${'x'.repeat(20_000)},MUNICIPALITY\n`).expect(400);
    expect(bigCell.body.errors).toEqual([{ line: 2, column: 'name', message: 'valeur de 20000 caractères : 10240 au plus' }]);
    const wide = await importCsv(testApp, facilitator, 'buyers', `${Array.from({ length: 5000 }, (_, index) => `c${index}`).join(',')}\n`).expect(400);
    expect(wide.body.errors).toHaveLength(1);
    expect(wide.body.errors[0]).toMatchObject({ line: 1, message: expect.stringMatching(/^5000 colonnes d’en-tête : 100 au plus/) });
    // 2,500 lines, each with two problems: hours that are not a number, a contract the structure does not have.
    const rows = Array.from({ length: 2500 }, (_, index) => `CT-X${index};2017-09;beaucoup;`).join('\n');
    const many = await importCsv(testApp, facilitator, 'hours', `work_contract_ref;month;hours_worked;training_hours\n${rows}\n`).expect(400);
    expect(many.body.errors).toHaveLength(1000);
    expect(many.body.errorCount).toBe(5000);
    expect(many.body.errors[0]).toEqual({ line: 2, column: 'hours_worked', message: 'doit être un nombre (décimales séparées par « . » ou « , »)' });
  });

  it('reports every problem of a line, its own and those found against the rest of the file', async () => {
    const csv = 'work_contract_ref;month;hours_worked;training_hours\nCT-0001;2017-09;100;\nCT-0001;2017-09;200;21\nCT-0001;2017-13;abc;\nCT-9999;2017-09;10;\n';
    const response = await importCsv(testApp, facilitator, 'hours', csv).expect(400);
    expect(response.body.errors).toEqual([
      { line: 3, column: 'hours_worked', message: 'heures travaillées + heures de formation = 221 h : 220 h au plus par mois sur un contrat' },
      { line: 3, column: 'month', message: 'déjà présent ligne 2 : une seule ligne par work_contract_ref + month' },
      { line: 4, column: 'hours_worked', message: 'doit être un nombre (décimales séparées par « . » ou « , »)' },
      { line: 4, column: 'month', message: 'doit être un mois AAAA-MM' },
      { line: 5, column: 'work_contract_ref', message: 'contrat de travail inconnu dans la structure : « CT-9999 »' },
    ]);
  });

  it('refuses a market whose computed objective is past what a market holds, in the import’s answer', async () => {
    const csv = 'ref;buyer_ref;title;legal_basis;sector;amount_excl_tax;labour_share_pct;insertion_rate_pct;hourly_cost;start_date;end_date\n' +
      'M-HUGE;VILLE-VEN;Marché démesuré;EXECUTION_CONDITION;BUILDING;999999999999;100;100;10;2017-01-01;2017-12-31\n';
    const response = await importCsv(testApp, facilitator, 'markets', csv).expect(400);
    expect(response.body).toEqual({ kind: 'markets', errors: [{ line: 2, column: 'hours_objective', message: expect.stringMatching(/^objectif calculé de 100000000000 h : 99 999 999 h au plus/) }] });
  });
});

describe('uploads past their limits, and clients that leave', () => {
  let testApp: TestApp;
  let facilitator: string;
  let base: string;
  const uploadsLeft = () => readdirSync(tmpdir()).filter((name) => name.startsWith(UPLOAD_PREFIX)).length;
  const buyersFile = (rows: number) => `ref;name;kind\n${Array.from({ length: rows }, (_, index) => `B-${index};Acheteur numéro ${index} de la métropole;MUNICIPALITY`).join('\n')}\n`;

  beforeAll(async () => {
    testApp = await startTestApp({ env: { UPLOAD_MAX_BYTES: String(8 * 1024 * 1024) } });
    const structure = await createStructure(testApp, 'PLIE-LIMITS');
    facilitator = (await accountWithToken(testApp, Role.Facilitator, { structureRef: structure.ref })).token;
    await testApp.app.listen(0, '127.0.0.1');
    base = await testApp.app.getUrl();
  });
  afterAll(() => testApp.close());

  it('refuses a file past the limit with 413 as soon as the limit is passed, writing nothing and keeping no temporary file', async () => {
    const before = uploadsLeft();
    const response = await importCsv(testApp, facilitator, 'buyers', buyersFile(200_000)).expect(413);
    expect(response.body).toMatchObject({ statusCode: 413, code: 'PAYLOAD_TOO_LARGE' });
    expect(await count(testApp, 'buyer')).toBe(0);
    expect(uploadsLeft()).toBe(before);
  });

  it('stops an import whose client disconnected, writing nothing and keeping no temporary file', async () => {
    const before = uploadsLeft();
    const form = new FormData();
    form.append('file', new Blob([buyersFile(100_000)], { type: 'text/csv' }), 'acheteurs.csv');
    const leaving = new AbortController();
    const sent = fetch(`${base}/imports/buyers`, { method: 'POST', headers: { Authorization: `Bearer ${facilitator}` }, body: form, signal: leaving.signal }).catch((error: Error) => error);
    // The client leaves once the import is reading its file into the database.
    await waitFor(
      () => testApp.dataSource.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'COPY import_staging%'`),
      (rows: { n: number }[]) => rows[0]!.n > 0,
      20_000,
    );
    leaving.abort();
    expect(((await sent) as Error).name).toBe('AbortError');
    await waitFor(
      () => testApp.dataSource.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND state <> 'idle' AND pid <> pg_backend_pid()`),
      (rows: { n: number }[]) => rows[0]!.n === 0,
      10_000,
    );
    await waitFor(async () => uploadsLeft(), (left) => left === before, 5000);
    expect(await count(testApp, 'buyer')).toBe(0);
  });
});

