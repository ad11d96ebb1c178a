import request from 'supertest';
import { Role } from '../../src/platform/auth/roles';
import { accountWithToken, createStructure, startTestApp, TestApp } from '../support/app';
import { waitFor } from '../support/wait';

const BUYER_SIRET = '21690259000126';
const COMPANY_SIRET = '43210987000118';
const YEAR = new Date().getUTCFullYear();

describe('a clause, from the facilitator to the buyer', () => {
  let testApp: TestApp;
  const token: Record<'facilitator' | 'otherFacilitator' | 'buyer' | 'company' | 'national', string> = {} as never;
  let marketId: string;
  let contractId: string;
  let entryId: string;

  const as = (who: keyof typeof token) => ({
    get: (path: string) => request(testApp.http).get(path).set('Authorization', `Bearer ${token[who]}`),
    post: (path: string, body: object = {}) => request(testApp.http).post(path).set('Authorization', `Bearer ${token[who]}`).send(body),
  });
  const fulfilment = () => as('buyer').get(`/markets/${marketId}/fulfilment`).expect(200).then((response) => response.body);

  beforeAll(async () => {
    testApp = await startTestApp({ runWorkers: true });
    const own = await createStructure(testApp, 'PLIE-FLOW');
    const other = await createStructure(testApp, 'MDE-FLOW');
    token.facilitator = (await accountWithToken(testApp, Role.Facilitator, { structureRef: own.ref })).token;
    token.otherFacilitator = (await accountWithToken(testApp, Role.Facilitator, { structureRef: other.ref })).token;
    token.buyer = (await accountWithToken(testApp, Role.Buyer, { siret: BUYER_SIRET })).token;
    token.company = (await accountWithToken(testApp, Role.Company, { siret: COMPANY_SIRET })).token;
    token.national = (await accountWithToken(testApp, Role.National)).token;
  });
  afterAll(() => testApp.close());

  it('lets a facilitator set up a market, size its clause and award it', async () => {
    await as('facilitator').post('/buyers', { ref: 'VEN', name: 'Ville de Vénissieux', kind: 'MUNICIPALITY', siret: BUYER_SIRET }).expect(201);
    const market = await as('facilitator')
      .post('/markets', {
        ref: 'M-GS',
        buyerRef: 'VEN',
        title: 'Gros œuvre du groupe scolaire',
        legalBasis: 'EXECUTION_CONDITION',
        sector: 'BUILDING',
        amountExclTax: 1000000,
        labourSharePct: '50',
        insertionRatePct: 5,
        hourlyCost: '30,00',
        startDate: `${YEAR}-01-01`,
        endDate: `${YEAR + 1}-12-31`,
      })
      .expect(201);
    expect(market.body).toMatchObject({ ref: 'M-GS', buyerRef: 'VEN', hoursObjective: '833.00', hoursObjectiveComputed: true, trainingCounts: true, parentId: null });
    marketId = market.body.id;
    await as('facilitator').post('/companies', { siret: COMPANY_SIRET, name: 'Bâtir Rhône SAS', kind: 'ORDINARY', nafCode: '4120B', sizeBand: '50-199' }).expect(201);
    await as('facilitator').post('/awards', { marketRef: 'M-GS', companySiret: COMPANY_SIRET, role: 'HOLDER' }).expect(201);
  });

  it('places a participant whose eligibility the facilitator validated', async () => {
    await as('facilitator')
      .post('/participants', {
        ref: 'P-1',
        lastName: 'Diallo',
        firstName: 'Awa',
        birthDate: '1990-04-12',
        gender: 'F',
        postcode: '69200',
        publics: ['RSA', 'QPV_RESIDENT'],
        prescriber: 'PLIE',
        eligibilityValidatedOn: `${YEAR}-01-03`,
      })
      .expect(201);
    const contract = await as('facilitator')
      .post('/work-contracts', {
        ref: 'CT-1',
        participantRef: 'P-1',
        employerSiret: COMPANY_SIRET,
        marketRef: 'M-GS',
        kind: 'CDD',
        mode: 'DIRECT_HIRE',
        jobTitle: 'Aide-maçonne',
        startDate: `${YEAR}-01-05`,
        endDate: `${YEAR}-12-31`,
      })
      .expect(201);
    contractId = contract.body.id;
  });

  it('shows the company its contract without the participant’s identity, and takes its declaration as declared', async () => {
    const contracts = await as('company').get('/work-contracts').expect(200);
    expect(contracts.body.items).toHaveLength(1);
    expect(contracts.body.items[0]).toMatchObject({ ref: 'CT-1', participantRef: 'P-1' });
    expect(JSON.stringify(contracts.body)).not.toMatch(/Diallo|Awa|1990-04-12/);
    const declared = await as('company').post(`/work-contracts/${contractId}/hours`, { month: `${YEAR}-01`, hoursWorked: '120', trainingHours: '7' }).expect(201);
    expect(declared.body).toMatchObject({ status: 'DECLARED', hoursWorked: '120.00', trainingHours: '7.00', marketRef: 'M-GS' });
    entryId = declared.body.id;
  });

  it('does not count declared hours for the buyer until they are validated', async () => {
    const figures = await waitFor(fulfilment, (body) => body.declaredHours === '127.00');
    expect(figures).toMatchObject({ objective: '833.00', validatedHours: '0.00', rate: 0, computedAt: expect.any(String) });
  });

  it('moves the buyer’s fulfilment once the facilitator validates', async () => {
    const pending = await as('facilitator').get('/hours?status=DECLARED').expect(200);
    expect(pending.body.items.map((entry: { id: string }) => entry.id)).toEqual([entryId]);
    const validated = await as('facilitator').post(`/hours/${entryId}/validate`).expect(200);
    expect(validated.body.status).toBe('VALIDATED');

    const figures = await waitFor(fulfilment, (body) => body.validatedHours === '127.00');
    expect(figures.rate).toBe(15.2);
    expect(figures.declaredHours).toBe('0.00');
    expect(figures.months).toEqual([{ month: `${YEAR}-01`, hours: '127.00' }]);
    expect(figures.awards).toEqual([expect.objectContaining({ companySiret: COMPANY_SIRET, role: 'HOLDER', validatedHours: '127.00' })]);
    expect(['ON_TRACK', 'BEHIND']).toContain(figures.status);
    expect(Number(figures.expectedToDate)).toBeGreaterThan(0);
  });

  it('refuses a company’s new declaration over validated hours, and lets the facilitator correct them', async () => {
    const refused = await as('company').post(`/work-contracts/${contractId}/hours`, { month: `${YEAR}-01`, hoursWorked: '150' }).expect(409);
    expect(refused.body.message).toContain('déjà validées');
    const corrected = await request(testApp.http).patch(`/hours/${entryId}`).set('Authorization', `Bearer ${token.facilitator}`).send({ hoursWorked: '140' }).expect(200);
    expect(corrected.body).toMatchObject({ hoursWorked: '140.00', status: 'VALIDATED' });
    await waitFor(fulfilment, (body) => body.validatedHours === '147.00');
  });

  it('lets the facilitator reject a declaration with a reason; rejected hours never count', async () => {
    const declared = await as('company').post(`/work-contracts/${contractId}/hours`, { month: `${YEAR}-02`, hoursWorked: '60' }).expect(201);
    await as('facilitator').post(`/hours/${declared.body.id}/reject`, {}).expect(400);
    const rejected = await as('facilitator').post(`/hours/${declared.body.id}/reject`, { reason: 'Contrat suspendu en février' }).expect(200);
    expect(rejected.body).toMatchObject({ status: 'REJECTED', rejectionReason: 'Contrat suspendu en février' });
    await as('facilitator').post(`/hours/${declared.body.id}/validate`).expect(409);
    const seenByCompany = await as('company').get(`/hours/${declared.body.id}`).expect(200);
    expect(seenByCompany.body.rejectionReason).toBe('Contrat suspendu en février');
    const figures = await waitFor(fulfilment, (body) => body.declaredHours === '0.00');
    expect(figures.validatedHours).toBe('147.00');
  });

  it('records a facilitator’s hours once however often the request is retried with its Idempotency-Key', async () => {
    const body = { workContractRef: 'CT-1', month: `${YEAR}-03`, hoursWorked: '151,67' };
    const first = await as('facilitator').post('/hours', body).set('Idempotency-Key', 'retry-0001').expect(201);
    const retry = await as('facilitator').post('/hours', body).set('Idempotency-Key', 'retry-0001').expect(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.body).toEqual(first.body);
    const history = await as('facilitator').get(`/audit?entity=hours&id=${first.body.id}`).expect(200);
    expect(history.body).toHaveLength(1);
    const conflict = await as('facilitator').post('/hours', { ...body, hoursWorked: '10' }).set('Idempotency-Key', 'retry-0001').expect(409);
    expect(conflict.body.message).toContain('autre requête');
    // Without a key, recording the same month again corrects it (200), never a second entry.
    const again = await as('facilitator').post('/hours', { ...body, hoursWorked: '140' }).expect(200);
    expect(again.body.id).toBe(first.body.id);
  });

  it('answers a recorded month as GET shows it, asking the workers for a recompute only when the hours changed', async () => {
    const events = async () => {
      const rows: { n: number }[] = await testApp.dataSource.query(`SELECT count(*)::int AS n FROM outbox_event WHERE payload->'marketIds' ? $1`, [marketId]);
      return rows[0]!.n;
    };
    const body = { workContractRef: 'CT-1', month: `${YEAR}-04`, hoursWorked: '35' };
    const before = await events();
    const recorded = await as('facilitator').post('/hours', body).expect(201);
    expect(recorded.body).toEqual((await as('facilitator').get(`/hours/${recorded.body.id}`).expect(200)).body);
    expect(await events()).toBe(before + 1);
    // The same values again: nothing written, no event, the same answer.
    const unchanged = await as('facilitator').post('/hours', body).expect(200);
    expect(unchanged.body).toEqual(recorded.body);
    expect(await events()).toBe(before + 1);
    const history = await as('facilitator').get(`/audit?entity=hours&id=${recorded.body.id}`).expect(200);
    expect(history.body).toHaveLength(1);
  });

  it('shows the buyer its markets in every structure that tracks them, with masked aggregate counts and no identity', async () => {
    await as('otherFacilitator').post('/buyers', { ref: 'VENISSIEUX', name: 'Commune de Vénissieux', kind: 'MUNICIPALITY', siret: BUYER_SIRET }).expect(201);
    await as('otherFacilitator')
      .post('/markets', { ref: 'NET-1', buyerRef: 'VENISSIEUX', title: 'Nettoyage des écoles', legalBasis: 'AWARD_CRITERION', sector: 'CLEANING', hoursObjective: '1200', startDate: `${YEAR}-01-01`, endDate: `${YEAR}-12-31` })
      .expect(201);
    const markets = await as('buyer').get('/markets').expect(200);
    expect(markets.body.items.map((market: { ref: string }) => market.ref).sort()).toEqual(['M-GS', 'NET-1']);

    const overview = await waitFor(
      () => as('buyer').get('/buyer/overview').expect(200).then((response) => response.body),
      (body) => body.items.length === 2 && body.items.every((item: { status: string }) => !!item.status),
    );
    expect(overview.participants).toEqual({ total: null, byGender: { F: null }, byPublic: { QPV_RESIDENT: null, RSA: null }, byAgeBand: { '26_TO_49': null }, masked: true });
    expect(JSON.stringify(overview)).not.toMatch(/Diallo|Awa|P-1/);

    const exact = await as('facilitator').get(`/markets/${marketId}/participant-counts`).expect(200);
    expect(exact.body).toEqual({ total: 1, byGender: { F: 1 }, byPublic: { QPV_RESIDENT: 1, RSA: 1 }, byAgeBand: { '26_TO_49': 1 }, masked: false });
    await as('buyer').get('/participants').expect(403);
  });

  it('keeps each structure’s records to itself', async () => {
    await as('otherFacilitator').get(`/markets/${marketId}`).expect(404);
    await as('otherFacilitator').get(`/markets/${marketId}/fulfilment`).expect(404);
    const contracts = await as('otherFacilitator').get('/work-contracts').expect(200);
    expect(contracts.body.total).toBe(0);
  });
});
