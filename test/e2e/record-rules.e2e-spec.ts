import request from 'supertest';
import { Role } from '../../src/platform/auth/roles';
import { accountWithToken, createStructure, startTestApp, TestApp } from '../support/app';
import { importFixtures } from '../support/fixtures';

const BATIR = '43210987000118'; // holder of M17-003 and M17-012 in the fixtures
const NET_SERVICES = '80123456000416'; // an ordinary company, holder of M17-005 only

const market = {
  ref: 'M-NEW',
  buyerRef: 'VILLE-VEN',
  title: 'Marché de test',
  legalBasis: 'EXECUTION_CONDITION',
  sector: 'BUILDING',
  hoursObjective: '500',
  startDate: '2017-01-01',
  endDate: '2017-12-31',
};
const contract = {
  ref: 'CT-NEW',
  participantRef: 'P-0003',
  employerSiret: BATIR,
  marketRef: 'M17-003',
  kind: 'CDD',
  mode: 'DIRECT_HIRE',
  startDate: '2017-11-01',
  endDate: '2017-12-31',
};
const participant = { ref: 'P-NEW', birthDate: '1995-02-03', gender: 'M', publics: ['RSA'], eligibilityValidatedOn: '2017-01-10' };

/** [what is wrong, path, body, field, message (or part of it), table that must not change] */
const CASES: [string, string, object, string, string, string][] = [
  ['a SIRET whose Luhn key is wrong', '/buyers', { ref: 'B-NEW', name: 'Acheteur', kind: 'STATE', siret: '21690259000127' }, 'siret', 'doit être un SIRET valide : 14 chiffres avec une clé de contrôle correcte', 'buyer'],
  ['an unknown field', '/buyers', { ref: 'B-NEW', name: 'Acheteur', kind: 'STATE', colour: 'bleu' }, 'colour', 'champ inconnu : il n’est pas attendu ici', 'buyer'],
  ['a period ending before it starts', '/markets', { ...market, endDate: '2016-12-31' }, 'endDate', 'ne doit pas précéder startDate (2017-01-01)', 'market'],
  ['no objective and nothing to compute it', '/markets', { ...market, hoursObjective: undefined, amountExclTax: '100000' }, 'hoursObjective', 'à renseigner, ou à calculer : il manque labourSharePct, insertionRatePct, hourlyCost', 'market'],
  ['a negative amount', '/markets', { ...market, amountExclTax: '-100' }, 'amountExclTax', 'doit être positif ou nul', 'market'],
  ['a percentage above 100', '/markets', { ...market, labourSharePct: 120 }, 'labourSharePct', 'doit valoir 100 au plus', 'market'],
  ['a zero hourly cost', '/markets', { ...market, hoursObjective: undefined, amountExclTax: '1000', labourSharePct: 50, insertionRatePct: 5, hourlyCost: 0 }, 'hourlyCost', 'doit être de 10 € au moins', 'market'],
  ['an hourly cost below 10 €', '/markets', { ...market, hoursObjective: undefined, amountExclTax: '1000', labourSharePct: 50, insertionRatePct: 5, hourlyCost: '9,99' }, 'hourlyCost', 'doit être de 10 € au moins : c’est le coût horaire chargé', 'market'],
  ['a float where an exact decimal is expected', '/markets', { ...market, hoursObjective: 0.1 + 0.2 }, 'hoursObjective', 'doit avoir 2 décimales au plus', 'market'],
  ['an unknown buyer', '/markets', { ...market, buyerRef: 'NOBODY' }, 'buyerRef', 'acheteur inconnu dans la structure : « NOBODY »', 'market'],
  ['an operation of another buyer', '/markets', { ...market, buyerRef: 'METRO-LYON', operationRef: 'GS-PASTEUR' }, 'operationRef', 'cette opération appartient à un autre acheteur', 'market'],
  ['agreed hours with an ordinary company', '/awards', { marketRef: 'M17-005', companySiret: BATIR, role: 'SUBCONTRACTOR', agreedHours: '100' }, 'agreedHours', 'ne concernent qu’une structure d’insertion', 'award'],
  ['a second holder', '/awards', { marketRef: 'M17-005', companySiret: BATIR, role: 'HOLDER' }, 'role', 'le marché a déjà un autre titulaire', 'award'],
  ['OTHER public without a written reason', '/participants', { ...participant, publics: ['OTHER'] }, 'otherPublicReason', 'obligatoire quand le public est OTHER', 'participant'],
  ['an unknown public', '/participants', { ...participant, publics: ['RSA', 'ROBOT'] }, 'publics', 'valeur non reconnue « ROBOT »', 'participant'],
  ['a birth date in the future', '/participants', { ...participant, birthDate: '2999-01-01', eligibilityValidatedOn: undefined }, 'birthDate', 'est dans le futur', 'participant'],
  ['a birth date before 1900', '/participants', { ...participant, birthDate: '1899-12-31' }, 'birthDate', 'avant le 01/01/1900 : vérifiez l’année', 'participant'],
  ['an eligibility validated in the future', '/participants', { ...participant, eligibilityValidatedOn: '2999-01-01' }, 'eligibilityValidatedOn', 'est dans le futur', 'participant'],
  ['publics under 26 and 50 and over on one person', '/participants', { ...participant, publics: ['YOUTH_LOW_QUALIFIED', 'SENIOR_50'] }, 'publics', 'YOUTH_LOW_QUALIFIED (moins de 26 ans) et SENIOR_50 (50 ans et plus) ne vont pas ensemble', 'participant'],
  ['a contract starting before its market', '/work-contracts', { ...contract, startDate: '2017-02-01' }, 'startDate', 'le contrat doit commencer dans la période du marché', 'work_contract'],
  ['a contract ending after its market', '/work-contracts', { ...contract, endDate: '2018-06-30' }, 'endDate', 'le contrat doit finir au plus tard à la fin du marché', 'work_contract'],
  ['a participant validated eligible after the contract starts', '/work-contracts', { ...contract, participantRef: 'P-0002', startDate: '2017-03-01' }, 'participantRef', 'l’éligibilité du participant doit être validée', 'work_contract'],
  ['an employer that is not an awardee', '/work-contracts', { ...contract, employerSiret: NET_SERVICES }, 'employerSiret', 'l’employeur doit être attributaire du marché', 'work_contract'],
  ['hours in a month outside the contract', '/hours', { workContractRef: 'CT-0001', month: '2018-01', hoursWorked: '35' }, 'month', 'le mois doit tomber dans la période du contrat de travail', 'hours_entry'],
  ['more than 220 hours in a month', '/hours', { workContractRef: 'CT-0001', month: '2017-09', hoursWorked: '200', trainingHours: '21' }, 'hoursWorked', '221 h : 220 h au plus par mois sur un contrat', 'hours_entry'],
  ['220.01 hours in a month, said the French way', '/hours', { workContractRef: 'CT-0001', month: '2017-09', hoursWorked: '200', trainingHours: '20.01' }, 'hoursWorked', '= 220,01 h : 220 h au plus', 'hours_entry'],
  ['an exit kind without an exit date', '/plie/pathways', { participantRef: 'P-0030', entryDate: '2017-02-01', exitKind: 'EMPLOYMENT' }, 'exitDate', 'obligatoire quand exitKind est renseigné', 'plie_pathway'],
  ['a pathway overlapping another of the same person', '/plie/pathways', { participantRef: 'P-0001', entryDate: '2017-02-01' }, 'entryDate', 'chevauche un autre parcours de ce participant', 'plie_pathway'],
  ['a step outside every pathway of the person', '/plie/steps', { participantRef: 'P-0001', kind: 'MOBILISATION', startDate: '2014-01-01' }, 'startDate', 'l’étape doit commencer pendant un parcours PLIE du participant', 'plie_step'],
  ['a month that is not one', '/hours', { workContractRef: 'CT-0001', month: '2017-9', hoursWorked: '35' }, 'month', 'doit être un mois AAAA-MM', 'hours_entry'],
];

describe('one validation layer: the API refuses what an import would, and writes nothing', () => {
  let testApp: TestApp;
  let token: string;
  const count = (table: string) => testApp.dataSource.query(`SELECT count(*)::int AS n FROM ${table}`).then((rows: { n: number }[]) => rows[0].n);

  beforeAll(async () => {
    testApp = await startTestApp();
    const structure = await createStructure(testApp, 'PLIE-RULES');
    token = (await accountWithToken(testApp, Role.Facilitator, { structureRef: structure.ref })).token;
    await importFixtures(testApp, token);
  });
  afterAll(() => testApp.close());

  it.each(CASES)('refuses %s', async (_what, path, body, field, message, table) => {
    const [rows, audit] = [await count(table), await count('audit_entry')];
    const response = await request(testApp.http).post(path).set('Authorization', `Bearer ${token}`).send(body).expect(400);
    expect(response.body.erreurs).toEqual(expect.arrayContaining([{ champ: field, message: expect.stringContaining(message) }]));
    expect([await count(table), await count('audit_entry')]).toEqual([rows, audit]);
  });

  it('refuses a NUL byte or a control character in a body, a query or a path, naming the field, and writes nothing', async () => {
    const [buyers, audit] = [await count('buyer'), await count('audit_entry')];
    const auth = { Authorization: `Bearer ${token}` };
    const inBody = await request(testApp.http).post('/buyers').set(auth).send({ ref: 'B-NUL', name: 'Ville\u0000', kind: 'MUNICIPALITY' }).expect(400);
    expect(inBody.body.erreurs).toEqual([{ champ: 'name', message: 'contient un caractère de contrôle (octet nul…) : retirez-le' }]);
    const nested = await request(testApp.http).post('/participants').set(auth).send({ ...{ ref: 'P-NUL', birthDate: '1990-01-01', gender: 'F' }, publics: ['RSA', 'QPV\u0000'] }).expect(400);
    expect(nested.body.erreurs).toContainEqual({ champ: 'publics[1]', message: 'contient un caractère de contrôle (octet nul…) : retirez-le' });
    const inQuery = await request(testApp.http).get('/markets').query({ q: 'école\u0000' }).set(auth).expect(400);
    expect(inQuery.body.erreurs).toEqual([{ champ: 'q', message: 'contient un caractère de contrôle (octet nul…) : retirez-le' }]);
    await request(testApp.http).get('/markets/%00').set(auth).expect(400);
    expect([await count('buyer'), await count('audit_entry')]).toEqual([buyers, audit]);
  });

  it('refuses a body nested thousands of levels deep with a 400, not a crash', async () => {
    const deep = `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`;
    const response = await request(testApp.http).post('/buyers').set('Authorization', `Bearer ${token}`).set('Content-Type', 'application/json').send(deep).expect(400);
    expect(response.body.erreurs).toEqual([{ champ: `${'a.'.repeat(15)}a`, message: 'imbrique des objets ou des listes sur plus de 16 niveaux' }]);
  });

  it('refuses a second record with the same reference (409)', async () => {
    const response = await request(testApp.http).post('/markets').set('Authorization', `Bearer ${token}`).send({ ...market, ref: 'M17-001' }).expect(409);
    expect(response.body.message).toBe('Déjà enregistré : marché avec ref « M17-001 »');
  });

  it('refuses to move a market’s period away from its contracts, or a participant’s eligibility after them', async () => {
    const [m] = await testApp.dataSource.query(`SELECT id FROM market WHERE ref = 'M17-001'`);
    const moved = await request(testApp.http).patch(`/markets/${m.id}`).set('Authorization', `Bearer ${token}`).send({ startDate: '2017-10-01' }).expect(400);
    expect(moved.body.erreurs).toEqual([{ champ: 'startDate', message: 'des contrats de travail déjà saisis commencent avant : corrigez-les d’abord' }]);
    const shortened = await request(testApp.http).patch(`/markets/${m.id}`).set('Authorization', `Bearer ${token}`).send({ endDate: '2017-06-30' }).expect(400);
    expect(shortened.body.erreurs).toEqual([{ champ: 'endDate', message: 'des contrats de travail déjà saisis finissent après : corrigez-les d’abord' }]);
    const [p] = await testApp.dataSource.query(`SELECT id FROM participant WHERE ref = 'P-0001'`);
    const late = await request(testApp.http).patch(`/participants/${p.id}`).set('Authorization', `Bearer ${token}`).send({ eligibilityValidatedOn: '2018-01-01' }).expect(400);
    expect(late.body.erreurs[0].champ).toBe('eligibilityValidatedOn');
  });

  it('refuses a lot outside its market’s period, and a lot of a lot', async () => {
    const [m] = await testApp.dataSource.query(`SELECT id FROM market WHERE ref = 'M17-003'`);
    const outside = await request(testApp.http).post(`/markets/${m.id}/lots`).set('Authorization', `Bearer ${token}`).send({ ...market, ref: 'M17-003-L1', startDate: '2017-01-01' }).expect(400);
    expect(outside.body.erreurs[0]).toMatchObject({ champ: 'startDate', message: expect.stringContaining('dans la période de son marché') });
    const lot = await request(testApp.http)
      .post(`/markets/${m.id}/lots`)
      .set('Authorization', `Bearer ${token}`)
      .send({ ...market, ref: 'M17-003-L1', startDate: '2017-03-01', endDate: '2017-12-31' })
      .expect(201);
    // The lot takes its market's operation; another operation is refused.
    expect(lot.body).toMatchObject({ parentId: m.id, buyerRef: 'VILLE-VEN', operationRef: 'GS-PASTEUR' });
    const elsewhere = await request(testApp.http)
      .post(`/markets/${m.id}/lots`)
      .set('Authorization', `Bearer ${token}`)
      .send({ ...market, ref: 'M17-003-L2', operationRef: 'AUTRE-OP', startDate: '2017-03-01', endDate: '2017-12-31' })
      .expect(400);
    expect(elsewhere.body.erreurs).toContainEqual({ champ: 'operationRef', message: 'un lot relève de l’opération de son marché (GS-PASTEUR)' });
    const lots = await request(testApp.http).get('/markets').query({ parentId: m.id }).set('Authorization', `Bearer ${token}`).expect(200);
    expect(lots.body.items.map((item: { ref: string }) => item.ref)).toEqual(['M17-003-L1']);
    await request(testApp.http).post(`/markets/${lot.body.id}/lots`).set('Authorization', `Bearer ${token}`).send({ ...market, ref: 'L1-A' }).expect(400);
  });

  it('deletes a record without dependants, keeps its last values in the audit trail, and refuses one with dependants', async () => {
    const [buyer] = await testApp.dataSource.query(`SELECT id FROM buyer WHERE ref = 'HCL'`);
    const refused = await request(testApp.http).delete(`/buyers/${buyer.id}`).set('Authorization', `Bearer ${token}`).expect(409);
    expect(refused.body.message).toBe('Enregistrement lié à d’autres données');
    const created = await request(testApp.http).post('/buyers').set('Authorization', `Bearer ${token}`).send({ ref: 'B-TMP', name: 'Temporaire', kind: 'PUBLIC_BODY' }).expect(201);
    await request(testApp.http).delete(`/buyers/${created.body.id}`).set('Authorization', `Bearer ${token}`).expect(204);
    const history = await request(testApp.http).get('/audit').query({ entity: 'buyers', id: created.body.id }).set('Authorization', `Bearer ${token}`).expect(200);
    expect(history.body.map((entry: { action: string }) => entry.action)).toEqual(['CREATE', 'DELETE']);
    expect(history.body[1].changes.name).toEqual({ old: 'Temporaire', new: null });
  });

  it('lists with filters, text search and sorting', async () => {
    const get = (query: Record<string, string>) => request(testApp.http).get('/markets').query(query).set('Authorization', `Bearer ${token}`);
    const building = await get({ sector: 'BUILDING', sort: '-hoursObjective', pageSize: '3' }).expect(200);
    expect(building.body.total).toBe(6);
    const objectives = building.body.items.map((item: { hoursObjective: string }) => Number(item.hoursObjective));
    expect(objectives).toEqual([...objectives].sort((a, b) => b - a));
    // The lot of M17-003 is in the school's operation, like its market.
    expect((await get({ q: 'scolaire' }).expect(200)).body.items.map((item: { ref: string }) => item.ref).sort()).toEqual(['M17-003', 'M17-003-L1', 'M17-004']);
    // Without its accents, and with others: « demolition » finds « Démolition », « INTÉRIEURE » finds « intérieure ».
    expect((await get({ q: 'demolition' }).expect(200)).body.items.map((item: { ref: string }) => item.ref)).toEqual(['M17-001']);
    expect((await get({ q: 'INTÉRIEURE' }).expect(200)).body.items.map((item: { ref: string }) => item.ref)).toEqual(['M17-004']);
    expect((await get({ from: '2018-07-01' }).expect(200)).body.items.map((item: { ref: string }) => item.ref).sort()).toEqual(['M17-005', 'M17-008', 'M17-010']);
    expect((await get({ companySiret: BATIR }).expect(200)).body.total).toBe(3);
    const badSort = await get({ sort: 'colour' }).expect(400);
    expect(badSort.body.erreurs[0].champ).toBe('sort');
    const hours = await request(testApp.http).get('/hours').query({ marketRef: 'M17-001', from: '2017-10', to: '2017-10' }).set('Authorization', `Bearer ${token}`).expect(200);
    expect(hours.body.items.every((entry: { month: string; marketRef: string }) => entry.month === '2017-10' && entry.marketRef === 'M17-001')).toBe(true);
  });
});
