import request from 'supertest';
import { Role, ROLES } from '../../src/platform/auth/roles';
import { RouteAccessCheck } from '../../src/platform/auth/route-access';
import { accountWithToken, createStructure, SIRET, startTestApp, TestApp } from '../support/app';
import { webLogin, WebSession } from '../support/web';

/**
 * Who may call what. Every route of the application must appear here: a route added without its line fails the
 * first test, so the matrices below are always the whole API and the whole web application.
 */
const MATRIX: Record<string, 'public' | Role[]> = {
  'GET /health': 'public',
  'POST /auth/login': 'public',
  'GET /auth/me': ROLES,
  'GET /users': [Role.Admin],
  'GET /users/:id': [Role.Admin],
  'POST /users': [Role.Admin],
  'PATCH /users/:id': [Role.Admin],
  'GET /structures': [Role.Admin, Role.National, Role.Facilitator],
  'GET /structures/:id': [Role.Admin, Role.National, Role.Facilitator],
  'POST /structures': [Role.Admin],
  'PATCH /structures/:id': [Role.Admin],
  'DELETE /structures/:id': [Role.Admin],
  'GET /buyers': [Role.Facilitator, Role.National],
  'GET /buyers/:id': [Role.Facilitator, Role.National],
  'POST /buyers': [Role.Facilitator],
  'PATCH /buyers/:id': [Role.Facilitator],
  'DELETE /buyers/:id': [Role.Facilitator],
  'GET /operations': [Role.Facilitator, Role.National],
  'GET /operations/:id': [Role.Facilitator, Role.National],
  'POST /operations': [Role.Facilitator],
  'PATCH /operations/:id': [Role.Facilitator],
  'DELETE /operations/:id': [Role.Facilitator],
  'GET /markets': [Role.Facilitator, Role.National, Role.Buyer, Role.Company],
  'GET /markets/:id': [Role.Facilitator, Role.National, Role.Buyer, Role.Company],
  'POST /markets': [Role.Facilitator],
  'POST /markets/:id/lots': [Role.Facilitator],
  'PATCH /markets/:id': [Role.Facilitator],
  'DELETE /markets/:id': [Role.Facilitator],
  'GET /markets/:id/fulfilment': [Role.Facilitator, Role.Buyer, Role.Company, Role.National],
  'GET /markets/:id/participant-counts': [Role.Facilitator, Role.Buyer, Role.National],
  'GET /buyer/overview': [Role.Buyer],
  'POST /fulfilment/recompute': [Role.Admin],
  'GET /companies': [Role.Facilitator, Role.National],
  'GET /companies/:id': [Role.Facilitator, Role.National],
  'POST /companies': [Role.Facilitator],
  'PATCH /companies/:id': [Role.Facilitator],
  'DELETE /companies/:id': [Role.Facilitator],
  'GET /awards': [Role.Facilitator, Role.National, Role.Company],
  'GET /awards/:id': [Role.Facilitator, Role.National, Role.Company],
  'POST /awards': [Role.Facilitator],
  'PATCH /awards/:id': [Role.Facilitator],
  'DELETE /awards/:id': [Role.Facilitator],
  'GET /participants': [Role.Facilitator],
  'GET /participants/:id': [Role.Facilitator],
  'POST /participants': [Role.Facilitator],
  'PATCH /participants/:id': [Role.Facilitator],
  'DELETE /participants/:id': [Role.Facilitator],
  'GET /work-contracts': [Role.Facilitator, Role.Company],
  'GET /work-contracts/:id': [Role.Facilitator, Role.Company],
  'POST /work-contracts': [Role.Facilitator],
  'PATCH /work-contracts/:id': [Role.Facilitator],
  'DELETE /work-contracts/:id': [Role.Facilitator],
  'POST /work-contracts/:id/hours': [Role.Facilitator, Role.Company],
  'GET /hours': [Role.Facilitator, Role.Company],
  'GET /hours/:id': [Role.Facilitator, Role.Company],
  'POST /hours': [Role.Facilitator],
  'PATCH /hours/:id': [Role.Facilitator],
  'POST /hours/:id/validate': [Role.Facilitator],
  'POST /hours/:id/reject': [Role.Facilitator],
  'DELETE /hours/:id': [Role.Facilitator],
  'POST /imports/:kind': [Role.Facilitator, Role.Admin],
  'GET /imports': [Role.Facilitator, Role.Admin],
  'GET /imports/:id': [Role.Facilitator, Role.Admin],
  'GET /imports/:id/file': [Role.Facilitator, Role.Admin],
  'GET /audit': [Role.Facilitator],
  'GET /plie/pathways': [Role.Facilitator],
  'GET /plie/pathways/:id': [Role.Facilitator],
  'POST /plie/pathways': [Role.Facilitator],
  'PATCH /plie/pathways/:id': [Role.Facilitator],
  'DELETE /plie/pathways/:id': [Role.Facilitator],
  'GET /plie/steps': [Role.Facilitator],
  'GET /plie/steps/:id': [Role.Facilitator],
  'POST /plie/steps': [Role.Facilitator],
  'PATCH /plie/steps/:id': [Role.Facilitator],
  'DELETE /plie/steps/:id': [Role.Facilitator],
  'GET /plie/exits-to-validate': [Role.Facilitator],
  'GET /plie/questionnaires/respondents': [Role.National, Role.Admin],
  'GET /plie/questionnaires/:year': [Role.Facilitator],
  'PUT /plie/questionnaires/:year/:table': [Role.Facilitator],
  'POST /plie/steps/:id/validate-exit': [Role.Facilitator],
  'POST /consolidations': [Role.Admin, Role.National, Role.Facilitator, Role.Buyer],
  'GET /consolidations': [Role.Admin, Role.National, Role.Facilitator, Role.Buyer],
  'GET /consolidations/:id': [Role.Admin, Role.National, Role.Facilitator, Role.Buyer],
  'POST /consolidations/:id/retry': [Role.Admin, Role.National, Role.Facilitator, Role.Buyer],
  'GET /consolidations/:from/diff/:to': [Role.Admin, Role.National, Role.Facilitator, Role.Buyer],
  'GET /consolidations/:id/report.json': [Role.Admin, Role.National, Role.Facilitator, Role.Buyer],
  'GET /consolidations/:id/report.csv': [Role.Admin, Role.National, Role.Facilitator, Role.Buyer],
  'GET /consolidations/:id/report.xlsx': [Role.Admin, Role.National, Role.Facilitator, Role.Buyer],
  'GET /consolidations/:id/report.html': [Role.Admin, Role.National, Role.Facilitator, Role.Buyer],
  'GET /notifications': ROLES,
  'GET /notifications/unread-count': ROLES,
  'POST /notifications/read-all': ROLES,
  'POST /notifications/:id/read': ROLES,
  'GET /account/notification-preferences': ROLES,
  'PUT /account/notification-preferences': ROLES,
  'GET /reminders/late-declarations': [Role.Facilitator],
  'POST /admin/reminders/run': [Role.Admin],
  'GET /admin/schedules': [Role.Admin],
  'POST /attestations': [Role.Facilitator],
  'POST /attestations/market-year': [Role.Buyer],
  'GET /attestations': [Role.Facilitator, Role.Company, Role.Buyer],
  'GET /attestations/verify/:code': 'public',
  'GET /attestations/:id': [Role.Facilitator, Role.Company, Role.Buyer],
  'GET /attestations/:id/pdf': [Role.Facilitator, Role.Company, Role.Buyer],
  'POST /attestations/:id/revoke': [Role.Facilitator, Role.Buyer],
};

/** The web application's pages: a session instead of a token, a page instead of JSON. */
const WEB_MATRIX: Record<string, 'public' | Role[]> = {
  'GET /': 'public',
  'GET /connexion': 'public',
  'POST /connexion': 'public',
  'POST /deconnexion': ROLES,
  'GET /compte': ROLES,
  'GET /tableau-de-bord': [Role.Facilitator],
  'GET /marches': [Role.Facilitator],
  'GET /marches/objectif': [Role.Facilitator],
  'GET /marches/:id': [Role.Facilitator],
  'GET /heures': [Role.Facilitator],
  'POST /heures': [Role.Facilitator],
  'GET /declarations': [Role.Facilitator],
  'POST /declarations': [Role.Facilitator],
  'GET /declarations/:id/rejet': [Role.Facilitator],
  'POST /declarations/:id/rejet': [Role.Facilitator],
  'GET /importer': [Role.Facilitator],
  'POST /importer': [Role.Facilitator],
  'GET /importer/modeles/:kind': [Role.Facilitator],
  'GET /importer/:id/fichier': [Role.Facilitator],
  'GET /importer/progression/:jeton': [Role.Facilitator],
  'GET /personnes/:id': [Role.Facilitator],
  'GET /donnees': [Role.Facilitator],
  'GET /donnees/:slug': [Role.Facilitator],
  'GET /donnees/:slug/nouveau': [Role.Facilitator],
  'POST /donnees/:slug/nouveau': [Role.Facilitator],
  'GET /donnees/:slug/:id/modifier': [Role.Facilitator],
  'POST /donnees/:slug/:id/modifier': [Role.Facilitator],
  'GET /sorties': [Role.Facilitator],
  'GET /sorties/:stepId': [Role.Facilitator],
  'POST /sorties/:stepId': [Role.Facilitator],
  'GET /questionnaire': [Role.Facilitator],
  'GET /questionnaire/:annee/:table/totaux': [Role.Facilitator],
  'POST /questionnaire/:annee/:table': [Role.Facilitator],
  'GET /national/questionnaires': [Role.National, Role.Admin],
  'GET /compte/mot-de-passe': ROLES,
  'POST /compte/mot-de-passe': ROLES,
  'POST /compte/deconnexion-partout': ROLES,
  'GET /rapports': [Role.Admin, Role.National, Role.Facilitator, Role.Buyer],
  'POST /rapports': [Role.Admin, Role.National, Role.Facilitator, Role.Buyer],
  'GET /rapports/ecarts': [Role.Admin, Role.National, Role.Facilitator, Role.Buyer],
  'GET /rapports/:id': [Role.Admin, Role.National, Role.Facilitator, Role.Buyer],
  'GET /rapports/:id/progression': [Role.Admin, Role.National, Role.Facilitator, Role.Buyer],
  'POST /rapports/:id/relancer': [Role.Admin, Role.National, Role.Facilitator, Role.Buyer],
  'GET /rapports/:id/rapport.html': [Role.Admin, Role.National, Role.Facilitator, Role.Buyer],
  'GET /rapports/:id/rapport.xlsx': [Role.Admin, Role.National, Role.Facilitator, Role.Buyer],
  'GET /rapports/:id/rapport.csv': [Role.Admin, Role.National, Role.Facilitator, Role.Buyer],
  'GET /rapports/:id/rapport.json': [Role.Admin, Role.National, Role.Facilitator, Role.Buyer],
  'GET /entreprise': [Role.Company],
  'GET /entreprise/declaration': [Role.Company],
  'POST /entreprise/declaration': [Role.Company],
  'GET /entreprise/heures': [Role.Company],
  'GET /entreprise/marches/:id': [Role.Company],
  'GET /acheteur': [Role.Buyer],
  'GET /acheteur/marches/:id': [Role.Buyer],
  'GET /national/structures': [Role.National, Role.Admin],
  'GET /administration/structures': [Role.Admin],
  'POST /administration/structures': [Role.Admin],
  'GET /administration/structures/:id': [Role.Admin],
  'POST /administration/structures/:id': [Role.Admin],
  'GET /administration/comptes': [Role.Admin],
  'POST /administration/comptes': [Role.Admin],
  'GET /administration/comptes/:id': [Role.Admin],
  'POST /administration/comptes/:id/etat': [Role.Admin],
  'POST /administration/comptes/:id/mot-de-passe': [Role.Admin],
  'GET /administration/taches': [Role.Admin],
  'GET /mes-notifications': ROLES,
  'POST /mes-notifications/:id/ouvrir': ROLES,
  'POST /mes-notifications/tout-lu': ROLES,
  'GET /compte/notifications': ROLES,
  'POST /compte/notifications': ROLES,
  'GET /declarations/en-retard': [Role.Facilitator],
  'GET /attestations-realisation': [Role.Facilitator],
  'POST /attestations-realisation': [Role.Facilitator],
  'GET /attestations-realisation/:id/attestation.pdf': [Role.Facilitator, Role.Company, Role.Buyer],
  'GET /attestations-realisation/:id/revocation': [Role.Facilitator, Role.Buyer],
  'POST /attestations-realisation/:id/revocation': [Role.Facilitator, Role.Buyer],
  'GET /entreprise/attestations': [Role.Company],
  'GET /acheteur/attestations': [Role.Buyer],
  'POST /acheteur/attestations': [Role.Buyer],
  'GET /verifier': 'public',
  'GET /verifier/:code': 'public',
};

describe('access matrix', () => {
  let testApp: TestApp;
  const tokens = {} as Record<Role, string>;
  const sessions = {} as Record<Role, WebSession>;
  let ownStructureId: string;
  let otherStructureId: string;
  let anyAccountId: string;

  beforeAll(async () => {
    testApp = await startTestApp();
    const own = await createStructure(testApp, 'MATRIX-OWN');
    const other = await createStructure(testApp, 'MATRIX-OTHER');
    ownStructureId = own.id;
    otherStructureId = other.id;
    const attachments: Record<Role, { structureRef?: string; siret?: string }> = {
      [Role.Admin]: {},
      [Role.National]: {},
      [Role.Facilitator]: { structureRef: own.ref },
      [Role.Buyer]: { siret: SIRET.buyer },
      [Role.Company]: { siret: SIRET.company },
    };
    for (const role of ROLES) {
      const account = await accountWithToken(testApp, role, attachments[role]);
      tokens[role] = account.token;
      sessions[role] = await webLogin(testApp, account.email);
      anyAccountId = account.id;
    }
  });
  afterAll(() => testApp.close());

  const routes = () => testApp.app.get(RouteAccessCheck).routes();
  const pathFor = (path: string, id: string) => path.replace(':id', id).replace(':from', id).replace(':to', id).replace(':kind', 'hours');

  it('lists every route of the application, with the access it declares', () => {
    const declared = (web: boolean) => Object.fromEntries(routes().filter((route) => route.web === web).map((route) => [`${route.method} ${route.path}`, route.access]));
    expect(declared(false)).toEqual(MATRIX);
    expect(declared(true)).toEqual(WEB_MATRIX);
  });

  const webPath = (path: string) => pathFor(path, ownStructureId).replace(':slug', 'acheteurs');
  const privatePages = Object.entries(WEB_MATRIX).filter(([, access]) => access !== 'public');

  it.each(privatePages)('page %s sends a browser without a session to the login page', async (route) => {
    const [method, path] = route.split(' ');
    const response = await request(testApp.http)[method.toLowerCase() as 'get'](webPath(path)).set('Accept', 'text/html');
    expect(response.status).toBe(303);
    expect(response.headers.location).toMatch(/^\/connexion\?retour=/);
  });

  it.each(privatePages)('page %s ignores a bearer token: pages need a session', async (route) => {
    const [method, path] = route.split(' ');
    const response = await request(testApp.http)[method.toLowerCase() as 'get'](webPath(path)).set('Authorization', `Bearer ${tokens[Role.Facilitator]}`);
    expect(response.status).toBe(303);
  });

  const forbiddenPages = privatePages.flatMap(([route, access]) => ROLES.filter((role) => !(access as Role[]).includes(role)).map((role) => [route, role] as const));
  it.each(forbiddenPages)('page %s is refused to %s with a French page', async (route, role) => {
    const [method, path] = route.split(' ');
    const session = sessions[role];
    const response = await request(testApp.http)
      [method.toLowerCase() as 'get'](webPath(path))
      .set('Cookie', session.cookie)
      .type('form')
      .send(method === 'POST' ? { _csrf: session.csrf } : {});
    expect(response.status).toBe(403);
    expect(response.headers['content-type']).toContain('text/html');
    expect(response.text).toContain('Accès refusé');
  });

  it.each(Object.entries(MATRIX).filter(([, access]) => access !== 'public'))('%s answers 401 without a token', async (route) => {
    const [method, path] = route.split(' ');
    const response = await request(testApp.http)[method.toLowerCase() as 'get'](pathFor(path, ownStructureId));
    expect(response.status).toBe(401);
    expect(response.body).toMatchObject({ code: 'UNAUTHENTICATED', message: 'Authentification requise' });
  });

  it('answers 401 to a forged token', async () => {
    const response = await request(testApp.http).get('/auth/me').set('Authorization', 'Bearer not.a.token');
    expect(response.status).toBe(401);
  });

  const forbiddenCells = Object.entries(MATRIX).flatMap(([route, access]) =>
    access === 'public' ? [] : ROLES.filter((role) => !access.includes(role)).map((role) => [route, role] as const),
  );
  it.each(forbiddenCells)('%s answers 403 to %s', async (route, role) => {
    const [method, path] = route.split(' ');
    const response = await request(testApp.http)
      [method.toLowerCase() as 'get'](pathFor(path, path.startsWith('/users') ? anyAccountId : ownStructureId))
      .set('Authorization', `Bearer ${tokens[role]}`)
      .send({});
    expect(response.status).toBe(403);
    expect(response.body.code).toBe('FORBIDDEN');
  });

  const structureObjectRoutes = Object.entries(MATRIX).filter(
    ([route, access]) => route.includes('/structures/:id') && access !== 'public' && access.includes(Role.Facilitator),
  );
  it.each(structureObjectRoutes)('%s answers 404 to a facilitator for another structure, 200 for its own', async (route) => {
    const [method, path] = route.split(' ');
    const call = (id: string) =>
      request(testApp.http)[method.toLowerCase() as 'get'](pathFor(path, id)).set('Authorization', `Bearer ${tokens[Role.Facilitator]}`);
    const other = await call(otherStructureId);
    expect(other.status).toBe(404);
    expect(other.body).toMatchObject({ code: 'NOT_FOUND', message: 'Structure introuvable' });
    expect((await call(ownStructureId)).status).toBe(200);
  });

  it('shows a facilitator its own structure only in the list', async () => {
    const response = await request(testApp.http).get('/structures').set('Authorization', `Bearer ${tokens[Role.Facilitator]}`).expect(200);
    expect(response.body.items.map((structure: { id: string }) => structure.id)).toEqual([ownStructureId]);
    expect(response.body.total).toBe(1);
  });

  it('shows national staff every structure', async () => {
    const response = await request(testApp.http).get('/structures').set('Authorization', `Bearer ${tokens[Role.National]}`).expect(200);
    expect(response.body.total).toBe(2);
  });
});
