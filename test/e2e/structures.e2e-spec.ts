import request from 'supertest';
import { Role } from '../../src/platform/auth/roles';
import { accountWithToken, startTestApp, TestApp } from '../support/app';

describe('structures', () => {
  let testApp: TestApp;
  let admin: string;

  beforeAll(async () => {
    testApp = await startTestApp();
    admin = (await accountWithToken(testApp, Role.Admin)).token;
  });
  afterAll(() => testApp.close());

  const as = (token: string) => ({
    post: (path: string, body: object) => request(testApp.http).post(path).set('Authorization', `Bearer ${token}`).send(body),
    patch: (path: string, body: object) => request(testApp.http).patch(path).set('Authorization', `Bearer ${token}`).send(body),
    get: (path: string) => request(testApp.http).get(path).set('Authorization', `Bearer ${token}`),
    delete: (path: string) => request(testApp.http).delete(path).set('Authorization', `Bearer ${token}`),
  });
  const structureCount = async () => ((await testApp.dataSource.query('SELECT count(*)::int AS n FROM structure')) as { n: number }[])[0].n;

  it('creates, reads, updates, lists and deletes a structure', async () => {
    const created = await as(admin).post('/structures', { ref: ' plie-lyon ', name: 'PLIE de Lyon', kind: 'PLIE', region: 'Auvergne-Rhône-Alpes' }).expect(201);
    expect(created.body).toMatchObject({ ref: 'PLIE-LYON', name: 'PLIE de Lyon', kind: 'PLIE', facilitatorCount: 0 });
    const id = created.body.id as string;
    await as(admin).patch(`/structures/${id}`, { name: 'PLIE de la Métropole de Lyon' }).expect(200);
    expect((await as(admin).get(`/structures/${id}`).expect(200)).body.name).toBe('PLIE de la Métropole de Lyon');
    await as(admin).post('/structures', { ref: 'MDE-NORD', name: 'Maison de l’Emploi du Nord', kind: 'MDE' }).expect(201);
    const filtered = await as(admin).get('/structures?kind=MDE').expect(200);
    expect(filtered.body.items.map((structure: { ref: string }) => structure.ref)).toEqual(['MDE-NORD']);
    const searched = await as(admin).get('/structures?q=lyon').expect(200);
    expect(searched.body.items.map((structure: { ref: string }) => structure.ref)).toEqual(['PLIE-LYON']);
    const unaccented = await as(admin).get('/structures?q=metropole').expect(200);
    expect(unaccented.body.items.map((structure: { ref: string }) => structure.ref)).toEqual(['PLIE-LYON']);
    await as(admin).delete(`/structures/${id}`).expect(204);
    await as(admin).get(`/structures/${id}`).expect(404);
  });

  it.each([
    ['a missing name', { ref: 'X1', kind: 'PLIE' }, 'name', 'est obligatoire'],
    ['a name that is not a text', { ref: 'X1', name: 12, kind: 'PLIE' }, 'name', 'doit être une chaîne de caractères'],
    ['an unknown kind', { ref: 'X1', name: 'X', kind: 'CLUB' }, 'kind', 'doit être l’un de : PLIE, MDE, EPCI, MUNICIPALITY, DEPARTMENT, OTHER'],
    ['a reference with spaces', { ref: 'PLIE LYON', name: 'X', kind: 'PLIE' }, 'ref', 'doit faire 1 à 50 caractères : lettres, chiffres, « - », « _ » ou « . »'],
    ['an unknown field', { ref: 'X1', name: 'X', kind: 'PLIE', siret: '1' }, 'siret', 'champ inconnu : il n’est pas attendu ici'],
  ])('refuses %s with a 400 naming the field, and writes nothing', async (_case, body, champ, message) => {
    const before = await structureCount();
    const response = await as(admin).post('/structures', body).expect(400);
    expect(response.body).toMatchObject({ statusCode: 400, code: 'INVALID', message: 'Données invalides' });
    expect(response.body.erreurs).toContainEqual({ champ, message });
    expect(await structureCount()).toBe(before);
  });

  it('answers 409 to a second structure with the same reference, whatever its case', async () => {
    await as(admin).post('/structures', { ref: 'EPCI-1', name: 'A', kind: 'EPCI' }).expect(201);
    const response = await as(admin).post('/structures', { ref: 'epci-1', name: 'B', kind: 'EPCI' }).expect(409);
    expect(response.body).toMatchObject({ code: 'CONFLICT', message: 'Une structure porte déjà la référence « EPCI-1 »' });
  });

  it('refuses to delete a structure that still has accounts', async () => {
    const created = await as(admin).post('/structures', { ref: 'KEEP', name: 'Keep', kind: 'OTHER' }).expect(201);
    await accountWithToken(testApp, Role.Facilitator, { structureRef: 'KEEP' });
    const response = await as(admin).delete(`/structures/${created.body.id}`).expect(409);
    expect(response.body.message).toMatch(/comptes rattachés/);
    await as(admin).get(`/structures/${created.body.id}`).expect(200);
  });
});
