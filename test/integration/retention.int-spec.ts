import { DataSource } from 'typeorm';
import { ParticipantsRetention } from '../../src/modules/participants/participants.retention';
import { Role } from '../../src/platform/auth/roles';
import { accountWithToken, createStructure, startTestApp, TestApp } from '../support/app';
import { importFixtures } from '../support/fixtures';
import request from 'supertest';

/** The retention of personal data on the fixture structure (2017 data): erased when nothing happened for five years. */
describe('retention of participants’ identities', () => {
  let testApp: TestApp;
  let dataSource: DataSource;
  let retention: ParticipantsRetention;
  let token: string;

  const person = (ref: string) =>
    dataSource.query(`SELECT last_name, first_name, postcode, to_char(birth_date, 'YYYY-MM-DD') AS birth_date FROM participant WHERE ref = $1`, [ref]).then((rows: Record<string, string | null>[]) => rows[0]!);

  beforeAll(async () => {
    testApp = await startTestApp();
    dataSource = testApp.dataSource;
    retention = testApp.app.get(ParticipantsRetention);
    const structure = await createStructure(testApp, 'PLIE-RETENTION');
    token = (await accountWithToken(testApp, Role.Facilitator, { structureRef: structure.ref })).token;
    await importFixtures(testApp, token);
    // P-0003's name corrected once: the audit trail holds the old and the new one.
    const [{ id }] = await dataSource.query(`SELECT id FROM participant WHERE ref = 'P-0003'`);
    await request(testApp.http).patch(`/participants/${id}`).set('Authorization', `Bearer ${token}`).send({ lastName: 'Nouveau-Nom' }).expect(200);
  }, 60_000);
  afterAll(() => testApp.close());

  it('keeps everyone whose last contract, hours, pathway or step is less than five years old', async () => {
    expect(await retention.runDay('2019-01-01')).toBe('0 identité(s) de participant(s) sans activité depuis 5 ans effacée(s)');
  });

  it('erases the identity of people inactive for five years, in the records and their audit trail, and records the erasure without the data', async () => {
    const kept = await person('P-0001'); // an open pathway: active
    const summary = await retention.runDay('2024-06-30');
    const [{ erased }] = await dataSource.query(`SELECT count(*)::int AS erased FROM participant_erasure`);
    expect(erased).toBeGreaterThan(0);
    expect(summary).toBe(`${erased} identité(s) de participant(s) sans activité depuis 5 ans effacée(s)`);
    expect(await person('P-0001')).toEqual(kept);
    expect(await person('P-0003')).toEqual({ last_name: null, first_name: null, postcode: null, birth_date: expect.stringMatching(/^\d{4}-/) });

    const trail: { changes: Record<string, unknown> }[] = await dataSource.query(
      `SELECT a.changes FROM audit_entry a JOIN participant p ON p.id = a.entity_id WHERE p.ref = 'P-0003' AND a.entity = 'participants' ORDER BY a.id`,
    );
    const text = JSON.stringify(trail);
    expect(trail.length).toBeGreaterThanOrEqual(1);
    expect(text).not.toContain('Nouveau-Nom');
    expect(text).toContain('[effacé]');
    const [record] = await dataSource.query(
      `SELECT e.retention_years, to_char(e.last_activity_on, 'YYYY-MM-DD') AS last FROM participant_erasure e JOIN participant p ON p.id = e.participant_id WHERE p.ref = 'P-0003'`,
    );
    expect(record.retention_years).toBe(5);
    expect(record.last < '2019-06-30').toBe(true);
    expect(Object.keys(record)).not.toContain('last_name');
  });

  it('does a day once, and nothing more on a later day when nobody else became inactive', async () => {
    expect(await retention.runDay('2024-06-30')).toBeUndefined();
    expect(await retention.runDay('2024-07-01')).toBe('0 identité(s) de participant(s) sans activité depuis 5 ans effacée(s)');
  });
});
