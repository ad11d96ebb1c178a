import request from 'supertest';
import { Role } from '../../src/platform/auth/roles';
import { accountWithToken, createStructure, SIRET, startTestApp, TEST_PASSWORD, TestApp } from '../support/app';

describe('accounts', () => {
  let testApp: TestApp;
  let admin: string;

  beforeAll(async () => {
    testApp = await startTestApp();
    admin = (await accountWithToken(testApp, Role.Admin)).token;
    await createStructure(testApp, 'ACC-A');
  });
  afterAll(() => testApp.close());

  const post = (body: object) => request(testApp.http).post('/users').set('Authorization', `Bearer ${admin}`).send(body);
  const accountCount = async () => ((await testApp.dataSource.query('SELECT count(*)::int AS n FROM user_account')) as { n: number }[])[0].n;

  it('creates a facilitator attached to a structure, and a buyer attached to its SIRET', async () => {
    const facilitator = await post({ email: 'Fac@Acc.fr', password: TEST_PASSWORD, role: 'FACILITATOR', structureRef: 'acc-a' }).expect(201);
    expect(facilitator.body).toMatchObject({ email: 'fac@acc.fr', role: 'FACILITATOR', structureRef: 'ACC-A', siret: null, active: true });
    const buyer = await post({ email: 'buyer@acc.fr', password: TEST_PASSWORD, role: 'BUYER', siret: SIRET.buyer }).expect(201);
    expect(buyer.body).toMatchObject({ role: 'BUYER', siret: SIRET.buyer, structureId: null });
  });

  it.each([
    ['a short password', { email: 'a@acc.fr', password: 'short', role: 'NATIONAL' }, 'password', 'doit faire 12 caractères au moins (14 s’il ne mêle pas majuscules, minuscules, chiffres et caractères spéciaux)'],
    ['a password of 13 letters', { email: 'a@acc.fr', password: 'troppeudesign', role: 'NATIONAL' }, 'password', 'de moins de 14 caractères, doit mêler majuscules, minuscules, chiffres et caractères spéciaux'],
    ['a common password', { email: 'a@acc.fr', password: 'Motdepasse123!', role: 'NATIONAL' }, 'password', 'est l’un des mots de passe les plus courants : choisissez-en un autre'],
    ['an unknown role', { email: 'a@acc.fr', password: TEST_PASSWORD, role: 'KING' }, 'role', 'doit être l’un de : ADMIN, NATIONAL, FACILITATOR, BUYER, COMPANY'],
    ['a facilitator without structure', { email: 'a@acc.fr', password: TEST_PASSWORD, role: 'FACILITATOR' }, 'structureRef', 'est obligatoire pour un compte facilitateur'],
    ['an unknown structure', { email: 'a@acc.fr', password: TEST_PASSWORD, role: 'FACILITATOR', structureRef: 'NOPE' }, 'structureRef', 'aucune structure ne porte la référence « NOPE »'],
    ['a SIRET with a wrong key', { email: 'a@acc.fr', password: TEST_PASSWORD, role: 'COMPANY', siret: '73282932000075' }, 'siret', 'doit être un SIRET valide : 14 chiffres avec une clé de contrôle correcte'],
    ['a company without SIRET', { email: 'a@acc.fr', password: TEST_PASSWORD, role: 'COMPANY' }, 'siret', 'est obligatoire pour le rôle COMPANY (SIRET de l’organisation)'],
  ])('refuses %s with a 400 naming the field, and writes nothing', async (_case, body, champ, message) => {
    const before = await accountCount();
    const response = await post(body).expect(400);
    expect(response.body.erreurs).toContainEqual({ champ, message });
    expect(await accountCount()).toBe(before);
  });

  it('answers 409 to a second account with the same e-mail', async () => {
    await post({ email: 'twice@acc.fr', password: TEST_PASSWORD, role: 'NATIONAL' }).expect(201);
    const response = await post({ email: 'TWICE@acc.fr', password: TEST_PASSWORD, role: 'NATIONAL' }).expect(409);
    expect(response.body.message).toBe('Un compte existe déjà pour twice@acc.fr');
  });

  it('answers 404 for an unknown account and 400 for an id that is no UUID', async () => {
    await request(testApp.http).get('/users/00000000-0000-4000-8000-000000000000').set('Authorization', `Bearer ${admin}`).expect(404);
    const response = await request(testApp.http).get('/users/42').set('Authorization', `Bearer ${admin}`).expect(400);
    expect(response.body.erreurs).toEqual([{ champ: 'id', message: 'doit être un identifiant (UUID)' }]);
  });

  it('lists accounts by role, paginated', async () => {
    const response = await request(testApp.http).get('/users?role=BUYER&pageSize=10').set('Authorization', `Bearer ${admin}`).expect(200);
    expect(response.body).toMatchObject({ total: 1, page: 1, pageSize: 10 });
    expect(response.body.items[0]).not.toHaveProperty('passwordHash');
    const bad = await request(testApp.http).get('/users?pageSize=1000').set('Authorization', `Bearer ${admin}`).expect(400);
    expect(bad.body.erreurs).toEqual([{ champ: 'pageSize', message: 'doit valoir 200 au plus' }]);
  });
});
