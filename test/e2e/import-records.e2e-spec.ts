import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { Role } from '../../src/platform/auth/roles';
import { accountWithToken, createStructure, startTestApp, TestApp } from '../support/app';
import { FIXTURE_DIR, importCsv, importFixtures } from '../support/fixtures';

/** Imports audited as one act: the import record and its file, the trail of the records it created or changed. */
describe('import records and the trail of imported records', () => {
  let testApp: TestApp;
  let facilitator: { email: string; token: string };
  let other: { token: string };
  let admin: { token: string };
  const marketsFile = readFileSync(join(FIXTURE_DIR, 'markets.csv'));

  const as = (token: string) => ({
    get: (path: string) => request(testApp.http).get(path).set('Authorization', `Bearer ${token}`),
  });
  const marketId = (ref: string) => testApp.dataSource.query('SELECT id FROM market WHERE ref = $1', [ref]).then((rows: { id: string }[]) => rows[0]!.id);
  const trail = async (ref: string) => (await as(facilitator.token).get('/audit').query({ entity: 'markets', id: await marketId(ref) }).expect(200)).body as { action: string; actor: string; summary?: string; importId?: string; changes: Record<string, { old: unknown; new: unknown }> }[];

  beforeAll(async () => {
    testApp = await startTestApp();
    const structure = await createStructure(testApp, 'PLIE-IMPORTS');
    await createStructure(testApp, 'PLIE-AUTRE');
    facilitator = await accountWithToken(testApp, Role.Facilitator, { structureRef: structure.ref });
    other = await accountWithToken(testApp, Role.Facilitator, { structureRef: 'PLIE-AUTRE' });
    admin = await accountWithToken(testApp, Role.Admin);
    await importFixtures(testApp, facilitator.token);
  }, 60_000);
  afterAll(() => testApp.close());

  it('records each accepted file once: who, when, its name, size, SHA-256, counts, duration, and the file itself', async () => {
    const list = (await as(facilitator.token).get('/imports').query({ pageSize: 50 }).expect(200)).body;
    expect(list.total).toBe(11);
    const markets = list.items.find((item: { kind: string }) => item.kind === 'markets');
    expect(markets).toMatchObject({
      fileName: 'markets.csv',
      sizeBytes: marketsFile.length,
      sha256: createHash('sha256').update(marketsFile).digest('hex'),
      inserted: 12,
      updated: 0,
      unchanged: 0,
      actor: facilitator.email,
      durationMs: expect.any(Number),
      structures: [{ ref: 'PLIE-IMPORTS', inserted: 12, updated: 0, unchanged: 0 }],
    });
    expect((await as(facilitator.token).get(`/imports/${markets.id}`).expect(200)).body).toEqual(markets);
    const file = await as(facilitator.token).get(`/imports/${markets.id}/file`).buffer(true).parse((response, callback) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => callback(null, Buffer.concat(chunks)));
    }).expect(200);
    expect(Buffer.compare(file.body as Buffer, marketsFile)).toBe(0);
    expect(file.headers['content-disposition']).toContain('markets.csv');

    // Another structure's facilitator sees none of it; an administrator sees every import.
    expect((await as(other.token).get('/imports').expect(200)).body.total).toBe(0);
    await as(other.token).get(`/imports/${markets.id}`).expect(404);
    await as(other.token).get(`/imports/${markets.id}/file`).expect(404);
    await as(facilitator.token).get('/imports/pas-un-numero').expect(404);
    expect((await as(admin.token).get('/imports').expect(200)).body.total).toBe(11);
  });

  it('leaves no change note for the reconciliation: its recompute of every market of the structure is in the outbox', async () => {
    // No worker runs here: what the imports left is still there.
    expect((await testApp.dataSource.query(`SELECT count(*)::int AS n FROM market_change`))[0].n).toBe(0);
    const recomputes: { payload: { marketIds: string[] | null } }[] = await testApp.dataSource.query(
      `SELECT payload FROM outbox_event WHERE job_name = 'recompute-fulfilment' AND applied_at IS NULL`,
    );
    expect(recomputes.length).toBeGreaterThan(0);
    expect(recomputes.every((event) => event.payload.marketIds === null)).toBe(true);
    // An API write still notes its market (and announces it by its own event).
    await request(testApp.http).post('/hours').set('Authorization', `Bearer ${facilitator.token}`).send({ workContractRef: 'CT-0001', month: '2017-07', hoursWorked: '140' }).expect(200);
    const notes: { ref: string }[] = await testApp.dataSource.query(`SELECT m.ref FROM market_change c JOIN market m ON m.id = c.market_id`);
    const [contract]: { ref: string }[] = await testApp.dataSource.query(`SELECT m.ref FROM work_contract wc JOIN market m ON m.id = wc.market_id WHERE wc.ref = 'CT-0001'`);
    expect(notes).toEqual([{ ref: contract!.ref }]);
  });

  it('gives a record an import created no audit row: its trail starts with the import', async () => {
    const [{ rows }] = await testApp.dataSource.query(`SELECT count(*)::int AS rows FROM audit_entry WHERE entity = 'markets'`);
    expect(rows).toBe(0);
    const created = await trail('M17-001');
    expect(created).toEqual([
      expect.objectContaining({ action: 'IMPORT', actor: facilitator.email, changes: {}, summary: expect.stringMatching(new RegExp(`^créé par l’import n° \\d+ \\(markets\\.csv, \\d\\d/\\d\\d/\\d{4} à \\d\\d:\\d\\d, ${facilitator.email.replace(/[.]/g, '\\.')}\\)$`)) }),
    ]);
  });

  it('keeps the field-by-field diff of a record an import changed, and the import it came from after its deletion', async () => {
    const changed = marketsFile.toString('utf8').replace('Démolition de la tour 10', 'Démolition des tours 10 et 11');
    const answer = await importCsv(testApp, facilitator.token, 'markets', changed).expect(200);
    expect(answer.body).toMatchObject({ inserted: 0, updated: 1, unchanged: 11 });
    const history = await trail('M17-001');
    expect(history.map((entry) => entry.action)).toEqual(['IMPORT', 'UPDATE']);
    expect(history[1]!.changes).toEqual({ title: { old: 'Démolition de la tour 10', new: 'Démolition des tours 10 et 11' } });
    expect(await trail('M17-002')).toHaveLength(1);

    // A market created by the import and deleted through the API still says where it came from.
    const id = await marketId('M17-012');
    await testApp.dataSource.query(`DELETE FROM award WHERE market_id = $1`, [id]);
    await testApp.dataSource.query(`DELETE FROM hours_entry WHERE work_contract_id IN (SELECT id FROM work_contract WHERE market_id = $1)`, [id]);
    await testApp.dataSource.query(`DELETE FROM work_contract WHERE market_id = $1`, [id]);
    await request(testApp.http).delete(`/markets/${id}`).set('Authorization', `Bearer ${facilitator.token}`).expect(204);
    const deleted = (await as(facilitator.token).get('/audit').query({ entity: 'markets', id }).expect(200)).body as { action: string }[];
    expect(deleted.map((entry) => entry.action)).toEqual(['IMPORT', 'DELETE']);
  });
});
