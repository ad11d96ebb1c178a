import request from 'supertest';
import { Role } from '../../src/platform/auth/roles';
import { accountWithToken, createStructure, startTestApp, TestApp } from '../support/app';
import { importFixtures } from '../support/fixtures';
import { readPdf } from '../support/pdf';

/** TP Sud Lyon, holder on M17-001 (Ville de Vénissieux) in the fixture. */
const COMPANY_SIRET = '51234567000214';
const BUYER_SIRET = '21690259000126';
const PUBLIC_URL = 'https://clause.example.fr';

const binary = (response: request.Response, callback: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  response.on('data', (chunk: Buffer) => chunks.push(chunk));
  response.on('end', () => callback(null, Buffer.concat(chunks)));
};

describe('attestations of fulfilment', () => {
  let testApp: TestApp;
  let facilitator: { token: string };
  let company: { token: string };
  let otherCompany: { token: string };
  let buyer: { token: string };
  let marketId: string;

  const as = (token: string) => ({
    get: (path: string) => request(testApp.http).get(path).set('Authorization', `Bearer ${token}`),
    post: (path: string, body: object) => request(testApp.http).post(path).set('Authorization', `Bearer ${token}`).send(body),
    patch: (path: string, body: object) => request(testApp.http).patch(path).set('Authorization', `Bearer ${token}`).send(body),
  });
  const count = () => testApp.dataSource.query('SELECT count(*)::int AS n FROM attestation').then((rows: { n: number }[]) => rows[0]!.n);
  /**
   * The company's validated hours on M17-001 in 2017, by an independent query: as holder, it is credited with its own
   * workers' hours and those of employers holding no award on the market (workers made available to it).
   */
  const expectedHours = () =>
    testApp.dataSource
      .query(
        `SELECT sum(h.hours_worked + h.training_hours)::numeric(12,2)::text AS total, count(DISTINCT wc.participant_id)::int AS people
           FROM hours_entry h JOIN work_contract wc ON wc.id = h.work_contract_id JOIN company c ON c.id = wc.employer_id JOIN market m ON m.id = wc.market_id
          WHERE m.ref = 'M17-001' AND h.status = 'VALIDATED' AND h.month BETWEEN '2017-01-01' AND '2017-12-01'
            AND (c.siret = $1 OR wc.employer_id NOT IN (SELECT company_id FROM award WHERE market_id = m.id))`,
        [COMPANY_SIRET],
      )
      .then((rows: { total: string; people: number }[]) => rows[0]!);

  beforeAll(async () => {
    testApp = await startTestApp({ env: { PUBLIC_URL } });
    const structure = await createStructure(testApp, 'PLIE-ATTESTATIONS');
    facilitator = await accountWithToken(testApp, Role.Facilitator, { structureRef: structure.ref });
    company = await accountWithToken(testApp, Role.Company, { siret: COMPANY_SIRET });
    otherCompany = await accountWithToken(testApp, Role.Company, { siret: '43210987000118' });
    buyer = await accountWithToken(testApp, Role.Buyer, { siret: BUYER_SIRET });
    await importFixtures(testApp, facilitator.token);
    marketId = (await testApp.dataSource.query(`SELECT id FROM market WHERE ref = 'M17-001'`))[0].id;
  }, 60_000);
  afterAll(() => testApp.close());

  it('issues a company’s attestation whose PDF states its hours, and whose QR code opens its verification page', async () => {
    const issued = await as(facilitator.token).post('/attestations', { companySiret: COMPANY_SIRET, marketId, fromMonth: '2017-01', toMonth: '2017-12' }).expect(201);
    const { total, people } = await expectedHours();
    expect(issued.body).toMatchObject({ kind: 'COMPANY', periodFrom: '2017-01-01', periodTo: '2017-12-31', code: expect.stringMatching(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/) });
    expect(issued.body.facts).toMatchObject({ totalHours: total, people, company: { name: 'TP Sud Lyon', siret: COMPANY_SIRET }, markets: [expect.objectContaining({ ref: 'M17-001', buyerName: 'Ville de Vénissieux' })] });
    expect(issued.body.verifyUrl).toBe(`${PUBLIC_URL}/verifier/${issued.body.code}`);

    // The company finds it in its space and downloads it.
    const listed = await as(company.token).get('/attestations').expect(200);
    expect(listed.body.items.map((item: { id: string }) => item.id)).toEqual([issued.body.id]);
    const pdf = await as(company.token).get(`/attestations/${issued.body.id}/pdf`).buffer(true).parse(binary).expect(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toContain(`attestation-${issued.body.code}.pdf`);
    const { text, qr } = await readPdf(pdf.body as Buffer);
    expect(text).toContain('Attestation de réalisation des heures d’insertion');
    expect(text).toContain('TP Sud Lyon (SIRET 51234567000214)');
    expect(text).toContain('M17-001 — Démolition de la tour 10');
    expect(text).toContain('du 01/01/2017 au 31/12/2017');
    const totalText = `${new Intl.NumberFormat('fr-FR', { minimumFractionDigits: 2 }).format(Number(total)).replace(/\u202f/g, '\u00a0')} h`;
    expect(text).toMatch(new RegExp(`Total\\s+${totalText.replace(/\u00a0/g, '\\s')}`));
    expect(text).toContain(`Personnes en insertion ayant réalisé ces heures : ${people}`);
    expect(text).toContain(`Code de vérification : ${issued.body.code}`);
    // No participant is named (P-0001, Inès Moreau, works for this company on this market).
    expect(text).not.toContain('Moreau');
    expect(qr).toBe(issued.body.verifyUrl);

    const page = await request(testApp.http).get(new URL(qr!).pathname).expect(200);
    expect(page.text).toContain('Attestation authentique');
    expect(page.text).toContain('TP Sud Lyon');
    const verified = await request(testApp.http).get(`/attestations/verify/${issued.body.code.toLowerCase()}`).expect(200);
    expect(verified.body).toMatchObject({ status: 'VALID', currentTotalHours: total });
  });

  it('says on the verification page that the figures changed after an hours correction, then that it was revoked', async () => {
    const [attestation] = (await as(facilitator.token).get('/attestations').expect(200)).body.items;
    const [entry]: { id: string; hours: string }[] = await testApp.dataSource.query(
      `SELECT h.id, h.hours_worked::text AS hours FROM hours_entry h JOIN work_contract wc ON wc.id = h.work_contract_id
        WHERE wc.ref = 'CT-0001' AND h.month = '2017-07-01'`,
    );
    await as(facilitator.token).patch(`/hours/${entry!.id}`, { hoursWorked: '100' }).expect(200);
    const changed = await request(testApp.http).get(`/verifier/${attestation.code}`).expect(200);
    expect(changed.text).toContain('Attestation authentique, chiffres modifiés depuis');
    const verified = await request(testApp.http).get(`/attestations/verify/${attestation.code}`).expect(200);
    expect(verified.body.status).toBe('CHANGED');
    expect(Number(verified.body.currentTotalHours)).toBeCloseTo(Number(attestation.facts.totalHours) - Number(entry!.hours) + 100, 2);
    // The attestation itself does not change.
    expect((await as(facilitator.token).get(`/attestations/${attestation.id}`).expect(200)).body.facts.totalHours).toBe(attestation.facts.totalHours);

    await as(company.token).post(`/attestations/${attestation.id}/revoke`, { reason: 'Période erronée' }).expect(403);
    const short = await as(facilitator.token).post(`/attestations/${attestation.id}/revoke`, { reason: 'non' }).expect(400);
    expect(short.body.erreurs).toEqual([{ champ: 'reason', message: 'doit dire le motif en 5 caractères au moins' }]);
    const revoked = await as(facilitator.token).post(`/attestations/${attestation.id}/revoke`, { reason: 'Période erronée' }).expect(200);
    expect(revoked.body).toMatchObject({ revocationReason: 'Période erronée', revokedAt: expect.any(String) });
    await as(facilitator.token).post(`/attestations/${attestation.id}/revoke`, { reason: 'Une seconde fois' }).expect(409);
    const page = await request(testApp.http).get(`/verifier/${attestation.code}`).expect(200);
    expect(page.text).toContain('Attestation révoquée');
    expect(page.text).toContain('Période erronée');
    const pdf = await as(company.token).get(`/attestations/${attestation.id}/pdf`).buffer(true).parse(binary).expect(200);
    expect((await readPdf(pdf.body as Buffer)).text).toContain('ATTESTATION RÉVOQUÉE');
  });

  it('keeps an issued attestation as it is: the database refuses to change or delete it', async () => {
    const [{ id }] = await testApp.dataSource.query('SELECT id FROM attestation LIMIT 1');
    await expect(testApp.dataSource.query(`UPDATE attestation SET facts = '{}' WHERE id = $1`, [id])).rejects.toThrow('cannot be changed');
    await expect(testApp.dataSource.query(`UPDATE attestation SET revocation_reason = 'autre' WHERE id = $1`, [id])).rejects.toThrow('cannot be changed');
    await expect(testApp.dataSource.query('DELETE FROM attestation WHERE id = $1', [id])).rejects.toThrow('cannot be deleted');
  });

  it('refuses bad requests with the field and a French message, writing nothing', async () => {
    const before = await count();
    const cases: [object, string, string][] = [
      [{ companySiret: COMPANY_SIRET, fromMonth: '2017-06', toMonth: '2017-05' }, 'toMonth', 'doit être le mois de début ou un mois après'],
      [{ companySiret: COMPANY_SIRET, fromMonth: '2010-01', toMonth: '2017-05' }, 'toMonth', 'la période couvre 60 mois au plus'],
      [{ companySiret: COMPANY_SIRET, fromMonth: '2017-13', toMonth: '2017-12' }, 'fromMonth', 'doit être un mois AAAA-MM'],
      [{ companySiret: '12345', fromMonth: '2017-01', toMonth: '2017-12' }, 'companySiret', 'doit compter 14 chiffres'],
      [{ companySiret: '73282932000074', fromMonth: '2017-01', toMonth: '2017-12' }, 'companySiret', 'aucune entreprise de ce SIRET dans votre structure'],
    ];
    for (const [body, champ, message] of cases) {
      const answer = await as(facilitator.token).post('/attestations', body).expect(400);
      expect(answer.body.erreurs).toEqual([{ champ, message }]);
    }
    const otherMarket = (await testApp.dataSource.query(`SELECT id FROM market WHERE ref = 'M17-012'`))[0].id;
    const notHolder = await as(facilitator.token).post('/attestations', { companySiret: COMPANY_SIRET, marketId: otherMarket, fromMonth: '2017-01', toMonth: '2017-12' }).expect(400);
    expect(notHolder.body.erreurs).toEqual([{ champ: 'marketId', message: 'l’entreprise n’est pas attributaire de ce marché de votre structure' }]);
    expect(await count()).toBe(before);
    await request(testApp.http).get('/verifier/ABCD-EFGH-JKMN-PQRS').expect(404);
    await request(testApp.http).get('/attestations/verify/pas-un-code').expect(404);
  });

  it('lets a buyer issue the yearly statement of its market, over every company, and no other company see it', async () => {
    const issued = await as(buyer.token).post('/attestations/market-year', { marketId, year: 2017 }).expect(201);
    const [{ total }] = await testApp.dataSource.query(
      `SELECT sum(h.hours_worked + h.training_hours)::numeric(12,2)::text AS total FROM hours_entry h JOIN work_contract wc ON wc.id = h.work_contract_id
        WHERE wc.market_id = $1 AND h.status = 'VALIDATED' AND h.month BETWEEN '2017-01-01' AND '2017-12-01'`,
      [marketId],
    );
    expect(issued.body).toMatchObject({ kind: 'MARKET_YEAR', facts: { company: null, totalHours: total, period: { from: '2017-01-01', to: '2017-12-31' } } });
    expect((await as(otherCompany.token).get('/attestations').expect(200)).body.total).toBe(0);
    await as(otherCompany.token).get(`/attestations/${issued.body.id}`).expect(404);
    const [another] = await testApp.dataSource.query('SELECT m.id FROM market m JOIN buyer b ON b.id = m.buyer_id WHERE b.siret <> $1 LIMIT 1', [BUYER_SIRET]);
    const notOwn = await as(buyer.token).post('/attestations/market-year', { marketId: another.id, year: 2017 }).expect(400);
    expect(notOwn.body.erreurs).toEqual([{ champ: 'marketId', message: 'aucun marché de votre organisation ne porte cet identifiant' }]);
    const year = await as(buyer.token).post('/attestations/market-year', { marketId, year: 1999 }).expect(400);
    expect(year.body.erreurs).toEqual([{ champ: 'year', message: 'doit être 2000 ou après' }]);
  });
});
