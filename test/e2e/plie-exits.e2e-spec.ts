import request from 'supertest';
import { Role } from '../../src/platform/auth/roles';
import { accountWithToken, createStructure, startTestApp, TestApp } from '../support/app';
import { importCsv } from '../support/fixtures';
import { webLogin, WebSession } from '../support/web';

/** A pathway's exit details, the insertion structure of a step, and the six-month validation of job exits. */
describe('PLIE exits', () => {
  let testApp: TestApp;
  let token: string;
  let session: WebSession;
  const api = () => ({
    post: (path: string, body: object) => request(testApp.http).post(path).set('Authorization', `Bearer ${token}`).send(body),
    patch: (path: string, body: object) => request(testApp.http).patch(path).set('Authorization', `Bearer ${token}`).send(body),
  });

  beforeAll(async () => {
    testApp = await startTestApp();
    await createStructure(testApp, 'PLIE-SORTIES');
    const account = await accountWithToken(testApp, Role.Facilitator, { structureRef: 'PLIE-SORTIES' });
    token = account.token;
    session = await webLogin(testApp, account.email);
    for (const ref of ['P-1', 'P-2', 'P-3']) {
      await api().post('/participants', { ref, lastName: 'Nom', firstName: ref, birthDate: '1980-01-01', gender: 'M', publics: ['RSA'] }).expect(201);
      await api().post('/plie/pathways', { participantRef: ref, entryDate: '2024-01-15' }).expect(201);
    }
  });
  afterAll(() => testApp.close());

  it('keeps employment details for an employment exit and training details for a training exit, through the API', async () => {
    const wrong = await api().post('/plie/pathways', { participantRef: 'P-1', entryDate: '2020-01-01', exitDate: '2020-06-30', exitKind: 'TRAINING', employerType: 'COMPANY', trainingEndDate: '2020-03-01', trainingStartDate: '2020-04-01' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.erreurs).toEqual(
      expect.arrayContaining([
        { champ: 'employerType', message: 'ne se renseigne que pour une sortie en emploi (exitKind EMPLOYMENT)' },
        { champ: 'trainingEndDate', message: 'ne doit pas précéder trainingStartDate (2020-04-01)' },
      ]),
    );
    const right = await api().post('/plie/pathways', {
      participantRef: 'P-1', entryDate: '2020-01-01', exitDate: '2020-06-30', exitKind: 'TRAINING', trainingDomain: 'CONSTRUCTION', trainingLevel: 'V', trainingCertification: 'CQP', trainingStartDate: '2020-07-01', trainingEndDate: '2020-12-15',
    });
    expect(right.status).toBe(201);
    expect(right.body).toMatchObject({ trainingDomain: 'CONSTRUCTION', trainingLevel: 'V', trainingStartDate: '2020-07-01' });
  });

  it('requires the insertion structure of a pathway job in IAE, in the API and in an import, writing nothing when refused', async () => {
    const missing = await api().post('/plie/steps', { participantRef: 'P-2', kind: 'PATHWAY_JOB_IAE', startDate: '2024-02-01' });
    expect(missing.status).toBe(400);
    expect(missing.body.erreurs).toEqual([{ champ: 'structureKind', message: 'obligatoire pour un emploi de parcours en IAE (PATHWAY_JOB_IAE)' }]);
    await api().post('/plie/steps', { participantRef: 'P-2', kind: 'PATHWAY_JOB_IAE', startDate: '2024-02-01', structureKind: 'ACI' }).expect(201);
    const refused = await importCsv(testApp, token, 'plie_steps', 'participant_ref;kind;start_date;structure_kind\nP-3;PATHWAY_JOB_IAE;2024-03-01;\nP-3;MOBILISATION;2024-02-01;CHANTIER\n');
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([
      { line: 2, column: 'structure_kind', message: 'obligatoire pour un emploi de parcours en IAE (PATHWAY_JOB_IAE)' },
      { line: 3, column: 'structure_kind', message: expect.stringContaining('doit être l’un de : ACI, EI, ETTI, AI, REGIE_DE_QUARTIER, GEIQ') },
    ]);
    expect((await testApp.dataSource.query(`SELECT count(*)::int AS n FROM plie_step s JOIN participant p ON p.id = s.participant_id WHERE p.ref = 'P-3'`))[0].n).toBe(0);
  });

  it('lists a job exit once it has lasted six months, and validating it closes the pathway as an employment exit at that date, audited', async () => {
    // A job started eight months ago, and one started two months ago (not due yet).
    const today = new Date();
    const monthsAgo = (months: number) => new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - months, 10)).toISOString().slice(0, 10);
    await api().post('/plie/steps', { participantRef: 'P-3', kind: 'EXIT_JOB', startDate: monthsAgo(8) }).expect(201);
    await api().post('/plie/steps', { participantRef: 'P-2', kind: 'EXIT_JOB', startDate: monthsAgo(2) }).expect(201);

    const list = await request(testApp.http).get('/sorties').set('Cookie', session.cookie).expect(200);
    expect(list.text).toContain('1 sortie à valider');
    expect(list.text).toContain('(P-3)');
    expect(list.text).not.toContain('(P-2)');
    const dashboard = await request(testApp.http).get('/tableau-de-bord').set('Cookie', session.cookie).expect(200);
    expect(dashboard.text).toContain('Sorties en emploi à valider (1)');

    const stepId = (await testApp.dataSource.query(`SELECT s.id FROM plie_step s JOIN participant p ON p.id = s.participant_id WHERE p.ref = 'P-3' AND s.kind = 'EXIT_JOB'`))[0].id;
    const refused = await request(testApp.http).post(`/sorties/${stepId}`).set('Cookie', session.cookie).type('form').send({ _csrf: session.csrf, employerType: 'MARTIANS' });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('doit être l’un de : COMPANY, ASSOCIATION, PUBLIC_SECTOR, PRIVATE_INDIVIDUAL');
    const validated = await request(testApp.http)
      .post(`/sorties/${stepId}`)
      .set('Cookie', session.cookie)
      .type('form')
      .send({ _csrf: session.csrf, employerNafSection: 'F', employerType: 'COMPANY', exitContract: 'CDI', exitMeasure: 'NONE' });
    expect(validated.headers.location).toBe('/sorties?validee=1');
    const [pathway] = await testApp.dataSource.query(
      `SELECT pw.id, to_char(pw.exit_date, 'YYYY-MM-DD') AS exit_date, pw.exit_kind, pw.employer_naf_section, pw.exit_contract
         FROM plie_pathway pw JOIN participant p ON p.id = pw.participant_id WHERE p.ref = 'P-3'`,
    );
    const due = new Date(`${monthsAgo(8)}T00:00:00Z`);
    due.setUTCMonth(due.getUTCMonth() + 6);
    expect(pathway).toMatchObject({ exit_date: due.toISOString().slice(0, 10), exit_kind: 'EMPLOYMENT', employer_naf_section: 'F', exit_contract: 'CDI' });
    const [audit] = await testApp.dataSource.query(`SELECT action, changes FROM audit_entry WHERE entity_id = $1 AND action = 'UPDATE'`, [pathway.id]);
    expect(audit.changes).toMatchObject({ exit_kind: { old: null, new: 'EMPLOYMENT' } });
    const after = await request(testApp.http).get('/sorties').set('Cookie', session.cookie).expect(200);
    expect(after.text).toContain('Aucune sortie en emploi n’attend de validation');
    expect((await request(testApp.http).get(`/sorties/${stepId}`).set('Cookie', session.cookie)).status).toBe(404);
  });

  it('does the same through the API', async () => {
    const today = new Date();
    const started = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - 7, 3)).toISOString().slice(0, 10);
    await api().post('/plie/steps', { participantRef: 'P-1', kind: 'MOBILISATION', startDate: '2024-02-01' }).expect(201);
    await api().post('/plie/steps', { participantRef: 'P-1', kind: 'EXIT_JOB', startDate: started }).expect(201);
    const listed = await request(testApp.http).get('/plie/exits-to-validate').set('Authorization', `Bearer ${token}`).expect(200);
    expect(listed.body).toEqual([expect.objectContaining({ participantRef: 'P-1', jobStart: started })]);
    const wrong = await api().post(`/plie/steps/${listed.body[0].stepId}/validate-exit`, { exitContract: 'FOREVER' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.erreurs[0].champ).toBe('exitContract');
    const done = await api().post(`/plie/steps/${listed.body[0].stepId}/validate-exit`, { exitContract: 'CDD_6_MONTHS_PLUS' }).expect(200);
    expect(done.body).toMatchObject({ exitKind: 'EMPLOYMENT', exitDate: listed.body[0].dueOn, exitContract: 'CDD_6_MONTHS_PLUS' });
    await api().post(`/plie/steps/${listed.body[0].stepId}/validate-exit`, {}).expect(404);
  });
});
