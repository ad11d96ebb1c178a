import request from 'supertest';
import { Role } from '../../src/platform/auth/roles';
import { accountWithToken, createStructure, SIRET, startTestApp, TEST_PASSWORD, TestApp } from '../support/app';
import { webLogin, WebSession, webSessionCookie } from '../support/web';

/** The spaces of the company, the buyer, national staff and the administrator, and « Mon compte », over HTTP. */
describe('web spaces', () => {
  let testApp: TestApp;
  let facilitatorToken: string;
  let company: WebSession;
  let facilitator: WebSession;
  let marketId: string;
  let otherMarketId: string;
  let contracts: string[];

  const page = (path: string, session: WebSession) => request(testApp.http).get(path).set('Cookie', session.cookie).set('Accept', 'text/html');
  const post = (path: string, session: WebSession, form: Record<string, string | string[]>) => request(testApp.http).post(path).set('Cookie', session.cookie).type('form').send({ _csrf: session.csrf, ...form });
  const api = (method: 'get' | 'post', path: string, body?: object) => request(testApp.http)[method](path).set('Authorization', `Bearer ${facilitatorToken}`).send(body);
  const statuses = async (month: string) =>
    (await testApp.dataSource.query(`SELECT status FROM hours_entry WHERE month = $1 ORDER BY hours_worked`, [`${month}-01`])).map((row: { status: string }) => row.status);

  beforeAll(async () => {
    testApp = await startTestApp();
    await createStructure(testApp, 'PLIE-ESPACES');
    const account = await accountWithToken(testApp, Role.Facilitator, { structureRef: 'PLIE-ESPACES' });
    facilitatorToken = account.token;
    facilitator = await webLogin(testApp, account.email);
    await api('post', '/buyers', { ref: 'B', name: 'Ville', kind: 'MUNICIPALITY', siret: SIRET.buyer }).expect(201);
    await api('post', '/companies', { siret: SIRET.company, name: 'Bâtir', kind: 'ORDINARY' }).expect(201);
    for (const ref of ['M-1', 'M-2']) {
      await api('post', '/markets', { ref, buyerRef: 'B', title: `Marché ${ref}`, legalBasis: 'EXECUTION_CONDITION', sector: 'BUILDING', hoursObjective: '1000', startDate: '2024-01-01', endDate: '2024-12-31' }).expect(201);
    }
    marketId = (await testApp.dataSource.query(`SELECT id FROM market WHERE ref = 'M-1'`))[0].id;
    otherMarketId = (await testApp.dataSource.query(`SELECT id FROM market WHERE ref = 'M-2'`))[0].id;
    await api('post', '/awards', { marketRef: 'M-1', companySiret: SIRET.company, role: 'HOLDER' }).expect(201);
    // Six women and one man on M-1: the man's cell is small, and the women's would give it away.
    contracts = [];
    for (let index = 0; index < 7; index += 1) {
      await api('post', '/participants', { ref: `P-${index}`, lastName: `Nom${index}`, firstName: `Prénom${index}`, birthDate: '1990-01-01', gender: index === 0 ? 'M' : 'F', publics: ['RSA'], eligibilityValidatedOn: '2024-01-05' }).expect(201);
      const contract = await api('post', '/work-contracts', {
        ref: `CT-${index}`, participantRef: `P-${index}`, employerSiret: SIRET.company, marketRef: 'M-1', kind: 'CDD', mode: 'DIRECT_HIRE', startDate: '2024-01-10', endDate: '2024-12-31',
      }).expect(201);
      contracts.push(contract.body.id);
    }
    company = await webLogin(testApp, (await accountWithToken(testApp, Role.Company, { siret: SIRET.company })).email);
  });
  afterAll(() => testApp.close());

  describe('company', () => {
    it('declares a month all or nothing, and cannot touch hours the facilitator validated', async () => {
      const refused = await post('/entreprise/declaration', company, { mois: '2024-03', [`travail.${contracts[0]}`]: '100', [`travail.${contracts[1]}`]: '250' });
      expect(refused.status).toBe(400);
      expect(refused.text).toContain('220 h au plus par mois sur un contrat');
      expect(await statuses('2024-03')).toEqual([]);
      const sent = await post('/entreprise/declaration', company, { mois: '2024-03', [`travail.${contracts[0]}`]: '100', [`travail.${contracts[1]}`]: '110' });
      expect(sent.headers.location).toBe('/entreprise/declaration?mois=2024-03&envoyee=1');
      expect(await statuses('2024-03')).toEqual(['DECLARED', 'DECLARED']);

      const [entry] = await testApp.dataSource.query(`SELECT id FROM hours_entry WHERE month = '2024-03-01' AND hours_worked = 100`);
      await post('/declarations', facilitator, { valider: entry.id }).expect(303);
      const again = await post('/entreprise/declaration', company, { mois: '2024-03', [`travail.${contracts[0]}`]: '90' });
      expect(again.status).toBe(400);
      expect(again.text).toContain('heures déjà validées par le facilitateur');
      // Validated hours are shown, not offered for typing.
      const grid = await page('/entreprise/declaration?mois=2024-03', company).expect(200);
      expect(grid.text).not.toContain(`name="travail.${contracts[0]}"`);
      expect(grid.text).toContain(`name="travail.${contracts[1]}"`);
    });

    it('sees a rejection with its reason and corrects it by declaring again', async () => {
      const [entry] = await testApp.dataSource.query(`SELECT id FROM hours_entry WHERE month = '2024-03-01' AND hours_worked = 110`);
      await post(`/declarations/${entry.id}/rejet`, facilitator, { reason: 'Le contrat était suspendu' }).expect(303);
      const list = await page('/entreprise/heures', company).expect(200);
      expect(list.text).toContain('Le contrat était suspendu');
      expect(list.text).toContain('href="/entreprise/declaration?mois=2024-03"');
      await post('/entreprise/declaration', company, { mois: '2024-03', [`travail.${contracts[1]}`]: '60' }).expect(303);
      const [corrected] = await testApp.dataSource.query(`SELECT status, hours_worked::text AS hours, rejection_reason FROM hours_entry WHERE id = $1`, [entry.id]);
      expect(corrected).toEqual({ status: 'DECLARED', hours: '60.00', rejection_reason: null });
    });

    it('names its workers by first name and initial only, and opens no market it does not hold', async () => {
      const grid = await page('/entreprise/declaration?mois=2024-03', company).expect(200);
      expect(grid.text).toContain('Prénom0 N.');
      expect(grid.text).not.toContain('Nom0');
      expect(grid.text).not.toContain('RSA');
      expect((await page(`/entreprise/marches/${otherMarketId}`, company)).status).toBe(404);
      const summary = await page(`/entreprise/marches/${marketId}`, company).expect(200);
      expect(summary.text).toContain('mars 2024');
      // Only validated hours count: 100 h in March (the 60 h declared again wait for the facilitator).
      expect(summary.text).toMatch(/<strong>Total<\/strong><\/td><td><strong>100,00 h<\/strong><\/td><td><strong>0,00 h<\/strong>/);
    });
  });

  describe('buyer', () => {
    it('masks small cells and every cell that would give one away', async () => {
      const buyer = await webLogin(testApp, (await accountWithToken(testApp, Role.Buyer, { siret: SIRET.buyer })).email);
      const market = await page(`/acheteur/marches/${marketId}`, buyer).expect(200);
      expect(market.text).toContain('7 personnes');
      const byGender = /<caption>Par sexe<\/caption>[\s\S]*?<\/table>/.exec(market.text)![0];
      expect(byGender.match(/secret statistique/g)).toHaveLength(2);
      expect(byGender).not.toMatch(/>6</);
      const list = await page('/acheteur?status=BEHIND', buyer).expect(200);
      expect(list.text).toContain('M-1');
    });
  });

  describe('national staff', () => {
    it('sees every structure of a year, sorted by the column asked, and is told a wrong column', async () => {
      await createStructure(testApp, 'PLIE-VIDE');
      const national = await webLogin(testApp, (await accountWithToken(testApp, Role.National)).email);
      const sorted = await page('/national/structures?annee=2024&tri=-contracts', national).expect(200);
      expect(sorted.text).toContain('1 structure sur 2 a des contrats ou des heures en 2024');
      expect(sorted.text.indexOf('PLIE-ESPACES')).toBeLessThan(sorted.text.indexOf('PLIE-VIDE'));
      const wrong = await page('/national/structures?annee=2024&tri=nimporte', national);
      expect(wrong.status).toBe(400);
      expect(wrong.text).toContain('tri : doit être l’une des colonnes');
    });
  });

  describe('consolidations', () => {
    it('requests a consolidation from the form, refuses a wrong year with its message, and runs a failed one again', async () => {
      const national = await webLogin(testApp, (await accountWithToken(testApp, Role.National)).email);
      const wrong = await post('/rapports', national, { year: 'deux mille', scope: 'national' });
      expect(wrong.status).toBe(400);
      expect(wrong.text).toContain('doit être une année');
      const requested = await post('/rapports', national, { year: '2024', scope: 'structure', ref: 'PLIE-ESPACES' });
      expect(requested.headers.location).toMatch(/^\/rapports\/[0-9a-f-]{36}$/);
      const id = String(requested.headers.location).split('/').pop()!;
      const waiting = await page(`/rapports/${id}`, national).expect(200);
      expect(waiting.text).toContain(`hx-get="/rapports/${id}/progression"`);
      expect(waiting.text).toContain('Structure PLIE-ESPACES');
      // No worker runs in this file: the consolidation is failed by hand, as three dead workers would leave it.
      await testApp.dataSource.query(`UPDATE consolidation SET status = 'FAILED', error = 'Calcul interrompu 3 fois' WHERE id = $1`, [id]);
      const failed = await page(`/rapports/${id}`, national).expect(200);
      expect(failed.text).toContain('Calcul interrompu 3 fois');
      expect(failed.text).not.toContain('hx-trigger="every 1s"');
      await post(`/rapports/${id}/relancer`, national, {}).expect(303);
      expect((await testApp.dataSource.query(`SELECT status FROM consolidation WHERE id = $1`, [id]))[0].status).toBe('QUEUED');
    });
  });

  describe('administrator and « Mon compte »', () => {
    it('makes a reset password temporary, and ends the sessions of a deactivated account', async () => {
      const adminAccount = await accountWithToken(testApp, Role.Admin);
      const adminId = adminAccount.id;
      const admin = await webLogin(testApp, adminAccount.email);
      const member = await accountWithToken(testApp, Role.Facilitator, { structureRef: 'PLIE-ESPACES' });
      await post(`/administration/comptes/${member.id}/mot-de-passe`, admin, { password: 'Provisoire-2026-Espaces!' }).expect(303);
      // The session opens on the password page only.
      const cookie = await webSessionCookie(testApp, member.email, 'Provisoire-2026-Espaces!');
      const elsewhere = await request(testApp.http).get('/tableau-de-bord').set('Cookie', cookie);
      expect(elsewhere.status).toBe(303);
      expect(elsewhere.headers.location).toBe('/compte/mot-de-passe');
      expect((await request(testApp.http).get('/compte/mot-de-passe').set('Cookie', cookie)).status).toBe(200);
      const weak = await post(`/administration/comptes/${member.id}/mot-de-passe`, admin, { password: 'court' });
      expect(weak.status).toBe(400);
      expect(weak.text).toContain('12 caractères');
      const self = await post(`/administration/comptes/${adminId}/etat`, admin, { active: 'false' });
      expect(self.status).toBe(400);
      expect(self.text).toContain('vous ne pouvez pas désactiver votre propre compte');
      const deactivated = await accountWithToken(testApp, Role.Facilitator, { structureRef: 'PLIE-ESPACES' });
      const open = await webLogin(testApp, deactivated.email);
      await post(`/administration/comptes/${deactivated.id}/etat`, admin, { active: 'false' }).expect(303);
      expect((await page('/tableau-de-bord', open)).status).toBe(303);
    });

    it('changes one’s own password only with the current one, and logs out everywhere, API tokens included', async () => {
      const member = await accountWithToken(testApp, Role.Facilitator, { structureRef: 'PLIE-ESPACES' });
      const session = await webLogin(testApp, member.email);
      const wrong = await post('/compte/mot-de-passe', session, { currentPassword: 'pas le bon', newPassword: 'Un-Nouveau-Secret-2026!' });
      expect(wrong.status).toBe(400);
      expect(wrong.text).toContain('mot de passe actuel incorrect');
      const changed = await post('/compte/mot-de-passe', session, { currentPassword: TEST_PASSWORD, newPassword: 'Un-Nouveau-Secret-2026!' });
      expect(changed.headers.location).toBe('/compte?fait=mot-de-passe');
      // The old session ended; the browser got a new one.
      expect((await page('/compte', session)).status).toBe(303);
      const fresh = { cookie: String(changed.headers['set-cookie']).split(';')[0]!, csrf: '' };
      expect((await page('/compte', fresh)).status).toBe(200);

      const everywhere = await webLogin(testApp, member.email, 'Un-Nouveau-Secret-2026!');
      const token = (await request(testApp.http).post('/auth/login').send({ email: member.email, password: 'Un-Nouveau-Secret-2026!' }).expect(200)).body.accessToken as string;
      await post('/compte/deconnexion-partout', everywhere, {}).expect(303);
      expect((await request(testApp.http).get('/auth/me').set('Authorization', `Bearer ${token}`)).status).toBe(401);
      expect((await page('/compte', everywhere)).status).toBe(303);
    });
  });
});
