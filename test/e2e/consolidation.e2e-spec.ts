import ExcelJS from 'exceljs';
import request from 'supertest';
import { Role } from '../../src/platform/auth/roles';
import { accountWithToken, createStructure, startTestApp, TestApp } from '../support/app';
import { importFixtures } from '../support/fixtures';
import { waitFor } from '../support/wait';

/** A fixture buyer (Ville de Vénissieux) and another valid SIRET. */
const FIXTURE_BUYER = '21690259000126';
const OTHER_BUYER = '21690123100011';

const binary = (response: request.Response, callback: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  response.on('data', (chunk: Buffer) => chunks.push(chunk));
  response.on('end', () => callback(null, Buffer.concat(chunks)));
};

describe('consolidation through HTTP', () => {
  let testApp: TestApp;
  const tokens: Record<string, string> = {};
  let nationalId: string;
  let structureId: string;

  const as = (who: string) => ({
    post: (path: string, body: object) => request(testApp.http).post(path).set('Authorization', `Bearer ${tokens[who]}`).send(body),
    get: (path: string) => request(testApp.http).get(path).set('Authorization', `Bearer ${tokens[who]}`),
  });

  async function finished(who: string, id: string) {
    const response = await waitFor(() => as(who).get(`/consolidations/${id}`), (answer) => ['DONE', 'FAILED'].includes(answer.body.status), 30_000);
    expect(response.body.status).toBe('DONE');
    return response.body;
  }

  const count = async () => (await testApp.dataSource.query('SELECT count(*)::int AS n FROM consolidation'))[0].n as number;

  beforeAll(async () => {
    testApp = await startTestApp({ runWorkers: true });
    await createStructure(testApp, 'PLIE-SUD');
    await createStructure(testApp, 'PLIE-NORD');
    tokens.facilitator = (await accountWithToken(testApp, Role.Facilitator, { structureRef: 'PLIE-SUD' })).token;
    tokens.otherFacilitator = (await accountWithToken(testApp, Role.Facilitator, { structureRef: 'PLIE-NORD' })).token;
    tokens.national = (await accountWithToken(testApp, Role.National)).token;
    tokens.admin = (await accountWithToken(testApp, Role.Admin)).token;
    tokens.buyer = (await accountWithToken(testApp, Role.Buyer, { siret: FIXTURE_BUYER })).token;
    tokens.otherBuyer = (await accountWithToken(testApp, Role.Buyer, { siret: OTHER_BUYER })).token;
    await importFixtures(testApp, tokens.facilitator!);
  }, 60_000);

  afterAll(() => testApp.close());

  it('runs the national 2017 consolidation: 202, progress, then the JSON of the contract', async () => {
    const accepted = await as('national').post('/consolidations', { year: 2017 }).expect(202);
    expect(accepted.body).toMatchObject({ year: 2017, scope: { kind: 'national', ref: null }, status: 'QUEUED', progress: 0, reports: null });
    nationalId = accepted.body.id;
    const done = await finished('national', nationalId);
    expect(done).toMatchObject({ progress: 100, attempts: 1, reports: { json: `/consolidations/${nationalId}/report.json` } });
    const report = (await as('national').get(`/consolidations/${nationalId}/report.json`).expect(200)).body;
    expect(Object.keys(report)).toEqual(['year', 'scope', 'snapshotId', 'generatedAt', 'dataFingerprint', 'reportingStructures', 'clause', 'plie']);
    expect(Object.keys(report.clause.headline)).toEqual(['insertionHours', 'workContracts', 'participants', 'buyers', 'operations', 'markets', 'companies']);
    expect(Object.keys(report.clause.breakdowns)).toEqual([
      'public', 'gender', 'ageBand', 'qualificationLevel', 'qpvResident', 'buyerKind', 'sector', 'legalBasis', 'fulfilmentMode', 'contractKind', 'month', 'prescriber',
    ]);
    expect(report.clause.headline.workContracts.value).toBeGreaterThan(0);
    expect(report.clause.breakdowns.public[0]).toEqual(expect.objectContaining({ key: 'LONG_TERM_UNEMPLOYED', label: expect.any(String), participants: expect.any(Number) }));
    expect(Object.keys(report.plie.table1[0])).toEqual([
      'group', 'category', 'entries', 'inPathway', 'carriedOver', 'positiveExits', 'positiveExitsEmployment', 'positiveExitsTraining', 'exitsWithoutFollowUp',
      'dropouts', 'movedDiedRetired', 'otherExits', 'positiveExitRatePct', 'positiveExitRateExclMovesPct', 'positiveExitsPerEntryPct', 'stillInPathwayAtYearEnd',
    ]);
    expect(report.plie.table1.slice(0, 3).map((row: { group: string; category: string }) => `${row.group}/${row.category}`)).toEqual(['all/total', 'gender/men', 'gender/women']);
    expect(report.snapshotId).toBe(nationalId);
  });

  it('serves the CSV tables, the workbook and the printable French report', async () => {
    const table = await as('national').get(`/consolidations/${nationalId}/report.csv?table=plie-tableau-1`).expect(200);
    expect(table.headers['content-type']).toContain('text/csv');
    expect(table.text.split('\r\n')[0]).toContain('Groupe;Catégorie;Entrées dans l’année;Présents dans l’année');
    expect(table.text.split('\r\n')[1]).toMatch(/^Ensemble;Ensemble;\d+;/);
    const archive = await as('national').get(`/consolidations/${nationalId}/report.csv`).buffer(true).parse(binary).expect(200);
    expect(archive.headers['content-type']).toBe('application/zip');
    expect((archive.body as Buffer).subarray(0, 2).toString()).toBe('PK');
    const unknown = await as('national').get(`/consolidations/${nationalId}/report.csv?table=tableau-9`).expect(400);
    expect(JSON.stringify(unknown.body)).toContain('table');

    const xlsx = await as('national').get(`/consolidations/${nationalId}/report.xlsx`).buffer(true).parse(binary).expect(200);
    expect(xlsx.headers['content-disposition']).toContain('consolidation-2017-national.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.body as unknown as ExcelJS.Buffer);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(expect.arrayContaining(['Chiffres clés', 'Par public', 'Par mois', 'PLIE Tableau 1', 'PLIE Tableau 2', 'PLIE Tableau 3']));
    const keyFigures = workbook.getWorksheet('Chiffres clés')!;
    expect(keyFigures.getRow(4).values).toEqual([undefined, 'Indicateur', '2017', '2016', 'Évolution 2016-2017 (%)']);
    expect(keyFigures.getRow(5).getCell(1).value).toBe('Heures d’insertion réalisées');

    const html = await as('national').get(`/consolidations/${nationalId}/report.html`).expect(200);
    expect(html.headers['content-type']).toContain('text/html');
    expect(html.text).toContain('<html lang="fr">');
    expect(html.text).toContain('Chiffres clés 2017');
    expect(html.text.match(/<svg /g)).toHaveLength(6);
    // Nothing fetched from the network: no external script, stylesheet or image.
    expect(html.text).not.toMatch(/(src|href)="(https?:)?\/\//);
  });

  it('lets a facilitator consolidate and read only its own structure', async () => {
    const accepted = await as('facilitator').post('/consolidations', { year: 2017 }).expect(202);
    expect(accepted.body.scope).toEqual({ kind: 'structure', ref: 'PLIE-SUD' });
    structureId = accepted.body.id;
    await finished('facilitator', structureId);
    const report = (await as('facilitator').get(`/consolidations/${structureId}/report.json`).expect(200)).body;
    expect(report.plie.table1).toHaveLength(32);
    await as('facilitator').post('/consolidations', { year: 2017, scope: { kind: 'national' } }).expect(403);
    await as('facilitator').post('/consolidations', { year: 2017, scope: { kind: 'structure', ref: 'PLIE-NORD' } }).expect(403);
    await as('facilitator').get(`/consolidations/${nationalId}`).expect(404);
    await as('otherFacilitator').get(`/consolidations/${structureId}/report.json`).expect(404);
    const listed = (await as('facilitator').get('/consolidations').expect(200)).body;
    expect(listed.items.map((item: { id: string }) => item.id)).toEqual([structureId]);
    // National staff read every snapshot.
    await as('national').get(`/consolidations/${structureId}/report.json`).expect(200);
    const diff = (await as('national').get(`/consolidations/${nationalId}/diff/${structureId}`).expect(200)).body;
    expect(diff).toMatchObject({ sameData: false });
  });

  it('gives a buyer its own clause figures only, small counts masked', async () => {
    const accepted = await as('buyer').post('/consolidations', { year: 2017 }).expect(202);
    expect(accepted.body.scope).toEqual({ kind: 'buyer', ref: FIXTURE_BUYER });
    await finished('buyer', accepted.body.id);
    const report = (await as('buyer').get(`/consolidations/${accepted.body.id}/report.json`).expect(200)).body;
    expect(report.plie).toBeUndefined();
    const cells = Object.values(report.clause.breakdowns as Record<string, { participants: number | null }[]>).flat().map((row) => row.participants);
    expect(cells.every((cell) => cell === null || cell === 0 || cell >= 5)).toBe(true);
    const html = await as('buyer').get(`/consolidations/${accepted.body.id}/report.html`).expect(200);
    expect(html.text).toContain('Secret statistique');
    expect(html.text).not.toContain('PLIE : taux');
    await as('buyer').post('/consolidations', { year: 2017, scope: { kind: 'buyer', ref: OTHER_BUYER } }).expect(403);
    await as('buyer').get(`/consolidations/${structureId}`).expect(404);
    await as('otherBuyer').get(`/consolidations/${accepted.body.id}/report.json`).expect(404);
  });

  it.each([
    [{}, 'year'],
    [{ year: 'deux mille dix-sept' }, 'year'],
    [{ year: 1850 }, 'year'],
    [{ year: 2017, scope: { kind: 'regional' } }, 'scope.kind'],
    [{ year: 2017, scope: { kind: 'buyer', ref: '12345678901234' } }, 'scope.ref'],
    [{ year: 2017, scope: { kind: 'structure', ref: 'INCONNUE' } }, 'scope.ref'],
    [{ year: 2017, scope: { kind: 'national', ref: 'PLIE-SUD' } }, 'scope.ref'],
    [{ year: 2017, extra: true }, 'extra'],
    [{ year: 2017, scope: 'national' }, 'scope'],
  ])('refuses %j with a 400 naming %s, and writes nothing', async (body, field) => {
    const before = await count();
    const response = await as('admin').post('/consolidations', body).expect(400);
    expect(JSON.stringify(response.body)).toContain(`"champ":"${field}"`);
    // In French, in the API's words: never class-validator's own English.
    expect(JSON.stringify(response.body.erreurs)).not.toMatch(/ must | should |property|instance/);
    expect(await count()).toBe(before);
  });

  it('never lets a buyer deduce a masked count of participants from the total and the cells shown', async () => {
    const markets = (await as('buyer').get('/markets?pageSize=100').expect(200)).body.items as { id: string }[];
    let checked = 0;
    for (const market of markets) {
      const exact = (await as('facilitator').get(`/markets/${market.id}/participant-counts`).expect(200)).body;
      const shown = (await as('buyer').get(`/markets/${market.id}/participant-counts`).expect(200)).body;
      for (const dimension of ['byGender', 'byPublic'] as const) {
        const cells = Object.entries(exact[dimension] as Record<string, number>);
        const hidden = cells.filter(([key]) => shown[dimension][key] === null);
        // Every cell of 1 to 4 is hidden, and never one alone beside a total shown: the others would give it away.
        expect(cells.filter(([, count]) => count >= 1 && count <= 4).every(([key]) => shown[dimension][key] === null)).toBe(true);
        if (hidden.length === 1) expect(shown.total).toBeNull();
        checked += hidden.length;
      }
    }
    expect(checked).toBeGreaterThan(0);
  });

  it('fails a consolidation whose workers died three times in the middle, says so, and lets its requester run it again', async () => {
    // As the queue leaves it after two runs killed mid-way: RUNNING, two interruptions, its job published once more.
    const [{ id }]: { id: string }[] = await testApp.dataSource.query(
      `INSERT INTO consolidation (year, scope_kind, scope_ref, scope_structure_id, status, interruptions, attempts, requested_by_label)
       SELECT 2017, 'structure', ref, id, 'RUNNING', 2, 2, 'test' FROM structure WHERE ref = 'PLIE-SUD' RETURNING id`,
    );
    await testApp.dataSource.query(`INSERT INTO outbox_event (job_name, payload) VALUES ('run-consolidation', jsonb_build_object('consolidationId', $1::text))`, [id]);
    const failed = await waitFor(() => as('facilitator').get(`/consolidations/${id}`), (answer) => answer.body.status === 'FAILED', 30_000);
    expect(failed.body).toMatchObject({ status: 'FAILED', stage: 'Échec' });
    expect(failed.body.error).toMatch(/interrompu 3 fois/);
    await as('facilitator').get(`/consolidations/${id}/report.json`).expect(409);

    await as('otherFacilitator').post(`/consolidations/${id}/retry`, {}).expect(404);
    const retried = await as('facilitator').post(`/consolidations/${id}/retry`, {}).expect(202);
    expect(retried.body).toMatchObject({ id, status: 'QUEUED', error: null });
    const done = await finished('facilitator', id);
    expect(done).toMatchObject({ progress: 100, attempts: 1 });
    const again = await as('facilitator').post(`/consolidations/${id}/retry`, {}).expect(409);
    expect(again.body.message).toMatch(/Seule une consolidation en échec se relance/);
  });

  it('answers 404 for an unknown snapshot, 400 for a malformed id, 409 for the report of an unfinished one', async () => {
    await as('national').get('/consolidations/6f1c1d52-36b5-4c57-9d0a-0c2b8b0b7c11').expect(404);
    await as('national').get('/consolidations/pas-un-id/report.json').expect(400);
    // A request no worker has taken yet (no outbox event: it stays queued).
    const [{ id }] = await testApp.dataSource.query(
      `INSERT INTO consolidation (year, scope_kind, requested_by_label) VALUES (2017, 'national', 'test') RETURNING id`,
    );
    const unfinished = await as('national').get(`/consolidations/${id}/report.json`).expect(409);
    expect(unfinished.body.message).toContain('n’est pas terminée');
    await as('national').get(`/consolidations/${nationalId}/diff/${id}`).expect(409);
  });
});
