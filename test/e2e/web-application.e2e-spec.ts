import request from 'supertest';
import { AccountsService } from '../../src/modules/accounts/accounts.service';
import { IMPORT_KINDS } from '../../src/modules/imports/imports.rules';
import { Role } from '../../src/platform/auth/roles';
import { accountWithToken, createStructure, SIRET, startTestApp, TEST_PASSWORD, TestApp } from '../support/app';
import { importCsv } from '../support/fixtures';
import { csrfOf, webLogin, WebSession } from '../support/web';

/** The web application over HTTP: sessions, CSRF, refusals as pages, forms through the API's rules. */
describe('web application', () => {
  let testApp: TestApp;
  let facilitator: { id: string; email: string; token: string };
  let session: WebSession;
  let otherMarketId: string;

  const page = (path: string, cookie = session.cookie) => request(testApp.http).get(path).set('Cookie', cookie).set('Accept', 'text/html');
  const post = (path: string, form: Record<string, string | string[]>, cookie = session.cookie) => request(testApp.http).post(path).set('Cookie', cookie).type('form').send(form);
  const count = async (sql: string) => Number((await testApp.dataSource.query(sql))[0].count);

  beforeAll(async () => {
    testApp = await startTestApp();
    const own = await createStructure(testApp, 'WEB-OWN');
    await createStructure(testApp, 'WEB-OTHER');
    facilitator = await accountWithToken(testApp, Role.Facilitator, { structureRef: own.ref });
    const other = await accountWithToken(testApp, Role.Facilitator, { structureRef: 'WEB-OTHER' });
    const auth = { Authorization: `Bearer ${other.token}` };
    await request(testApp.http).post('/buyers').set(auth).send({ ref: 'B-OTHER', name: 'Autre acheteur', kind: 'MUNICIPALITY', siret: SIRET.buyer }).expect(201);
    const market = await request(testApp.http)
      .post('/markets')
      .set(auth)
      .send({ ref: 'M-OTHER', buyerRef: 'B-OTHER', title: 'Marché d’une autre structure', legalBasis: 'EXECUTION_CONDITION', sector: 'BUILDING', hoursObjective: '100', startDate: '2024-01-01', endDate: '2024-12-31' })
      .expect(201);
    otherMarketId = market.body.id;
    session = await webLogin(testApp, facilitator.email);
  });
  afterAll(() => testApp.close());

  describe('logging in', () => {
    it('refuses a wrong password with a French message, and opens no session', async () => {
      const form = await request(testApp.http).get('/connexion').expect(200);
      const loginCookie = [form.headers['set-cookie']].flat()[0]!.split(';')[0]!;
      const answer = await request(testApp.http).post('/connexion').set('Cookie', loginCookie).type('form').send({ _csrf: csrfOf(form.text), email: facilitator.email, password: 'not the password' });
      expect(answer.status).toBe(401);
      expect(answer.text).toContain('Identifiant ou mot de passe incorrect');
      expect(String(answer.headers['set-cookie'])).not.toContain('ct_session=');
    });

    it('refuses a login form that did not come from the login page (no CSRF cookie)', async () => {
      const answer = await request(testApp.http).post('/connexion').type('form').send({ _csrf: 'forged', email: facilitator.email, password: TEST_PASSWORD });
      expect(answer.status).toBe(403);
      expect(answer.text).toContain('Le formulaire a expiré');
    });

    it('sets an HttpOnly, SameSite=Lax session cookie, Secure behind HTTPS', async () => {
      const form = await request(testApp.http).get('/connexion').set('X-Forwarded-Proto', 'https');
      expect(String(form.headers['set-cookie'])).toMatch(/HttpOnly; SameSite=Lax; Secure/);
      const loginCookie = [form.headers['set-cookie']].flat()[0]!.split(';')[0]!;
      const answer = await request(testApp.http)
        .post('/connexion?retour=%2Fmarches')
        .set('Cookie', loginCookie)
        .set('X-Forwarded-Proto', 'https')
        .type('form')
        .send({ _csrf: csrfOf(form.text), email: facilitator.email, password: TEST_PASSWORD });
      expect(answer.status).toBe(303);
      expect(answer.headers.location).toBe('/marches');
      expect(String(answer.headers['set-cookie'])).toMatch(/ct_session=[\w-]+; Path=\/; HttpOnly; SameSite=Lax; Secure/);
    });

    it('goes back only to an address of this site after logging in', async () => {
      const form = await request(testApp.http).get('/connexion');
      const loginCookie = [form.headers['set-cookie']].flat()[0]!.split(';')[0]!;
      const answer = await request(testApp.http)
        .post(`/connexion?retour=${encodeURIComponent('//evil.example/')}`)
        .set('Cookie', loginCookie)
        .type('form')
        .send({ _csrf: csrfOf(form.text), email: facilitator.email, password: TEST_PASSWORD });
      expect(answer.headers.location).toBe('/tableau-de-bord');
    });
  });

  describe('sessions', () => {
    it('ends at logout: the cookie opens nothing any more', async () => {
      const own = await webLogin(testApp, facilitator.email);
      await post('/deconnexion', { _csrf: own.csrf }, own.cookie).expect(303);
      const after = await page('/tableau-de-bord', own.cookie);
      expect(after.status).toBe(303);
      expect(after.headers.location).toBe('/connexion?retour=%2Ftableau-de-bord');
    });

    it('ends after SESSION_IDLE_MINUTES without a request', async () => {
      const own = await webLogin(testApp, facilitator.email);
      await page('/tableau-de-bord', own.cookie).expect(200);
      await testApp.dataSource.query(`UPDATE web_session SET last_seen_at = now() - interval '31 minutes'`);
      expect((await page('/tableau-de-bord', own.cookie)).status).toBe(303);
      session = await webLogin(testApp, facilitator.email);
    });

    it('ends at once when the password changes or the account is deactivated', async () => {
      const accounts = testApp.app.get(AccountsService);
      const changing = await accountWithToken(testApp, Role.Facilitator, { structureRef: 'WEB-OWN' });
      const first = await webLogin(testApp, changing.email);
      await accounts.update(changing.id, { password: 'Un-autre-mot-de-passe-2026!' });
      expect((await page('/tableau-de-bord', first.cookie)).status).toBe(303);

      const leaving = await accountWithToken(testApp, Role.Facilitator, { structureRef: 'WEB-OWN' });
      const second = await webLogin(testApp, leaving.email);
      await accounts.update(leaving.id, { active: false });
      expect((await page('/tableau-de-bord', second.cookie)).status).toBe(303);
    });
  });

  describe('forms', () => {
    it('refuses a form without its CSRF token, or with another, and writes nothing', async () => {
      const form = { ref: 'B-CSRF', name: 'Acheteur', kind: 'MUNICIPALITY', siret: SIRET.buyer };
      const without = await post('/donnees/acheteurs/nouveau', form);
      expect(without.status).toBe(403);
      expect(without.text).toContain('Formulaire expiré');
      expect((await post('/donnees/acheteurs/nouveau', { ...form, _csrf: 'x'.repeat(session.csrf.length) })).status).toBe(403);
      expect(await count(`SELECT count(*) FROM buyer WHERE ref = 'B-CSRF'`)).toBe(0);
    });

    it('shows each refused field with its French message, summarised at the top, and writes nothing', async () => {
      const answer = await post('/donnees/acheteurs/nouveau', { _csrf: session.csrf, ref: 'B-BAD', name: '', kind: 'MUNICIPALITY', siret: '12345678901234' });
      expect(answer.status).toBe(400);
      expect(answer.text).toContain('Le formulaire contient 2 erreurs');
      expect(answer.text).toMatch(/<a href="#champ-name">[^<]*: est obligatoire<\/a>/);
      expect(answer.text).toContain('doit être un SIRET valide');
      expect(answer.text).toMatch(/id="champ-siret"[^>]*aria-invalid="true"[^>]*aria-describedby="champ-siret-messages"/);
      expect(answer.text).toContain('value="B-BAD"');
      expect(await count(`SELECT count(*) FROM buyer WHERE ref = 'B-BAD'`)).toBe(0);
    });

    it('creates through the API’s rules and goes to the record', async () => {
      const answer = await post('/donnees/acheteurs/nouveau', { _csrf: session.csrf, ref: 'B-WEB', name: 'Ville de Vénissieux', kind: 'MUNICIPALITY', siret: SIRET.buyer });
      expect(answer.status).toBe(303);
      expect(answer.headers.location).toBe('/donnees/acheteurs?enregistre=B-WEB');
      const list = await page('/donnees/acheteurs?q=venissieux').expect(200);
      expect(list.text).toContain('Ville de Vénissieux');
      const history = await request(testApp.http).get('/audit').query({ entity: 'buyers', id: (await testApp.dataSource.query(`SELECT id FROM buyer WHERE ref = 'B-WEB'`))[0].id }).set('Authorization', `Bearer ${facilitator.token}`).expect(200);
      expect(history.body[0]).toMatchObject({ action: 'CREATE', actor: facilitator.email });
    });
  });

  describe('pages of another structure and unknown pages', () => {
    it('answers another structure’s market as a 404 page', async () => {
      const answer = await page(`/marches/${otherMarketId}`);
      expect(answer.status).toBe(404);
      expect(answer.text).toContain('Page non trouvée');
      expect(answer.text).toContain('Marché introuvable');
      expect(answer.text).not.toContain('M-OTHER');
    });

    it('answers an unknown address with a French page to a browser, and with JSON to an API client', async () => {
      const browser = await page('/nulle-part');
      expect(browser.status).toBe(404);
      expect(browser.headers['content-type']).toContain('text/html');
      expect(browser.text).toContain('Page non trouvée');
      const api = await request(testApp.http).get('/nulle-part').set('Authorization', `Bearer ${facilitator.token}`);
      expect(api.status).toBe(404);
      expect(api.body.code).toBe('NOT_FOUND');
    });
  });

  describe('monthly hours grid', () => {
    let contracts: string[];

    beforeAll(async () => {
      const auth = { Authorization: `Bearer ${facilitator.token}` };
      await request(testApp.http).post('/markets').set(auth).send({ ref: 'M-GRID', buyerRef: 'B-WEB', title: 'Grille', legalBasis: 'EXECUTION_CONDITION', sector: 'BUILDING', hoursObjective: '1000', startDate: '2024-01-01', endDate: '2024-12-31' }).expect(201);
      await request(testApp.http).post('/companies').set(auth).send({ siret: SIRET.company, name: 'Bâtir', kind: 'ORDINARY' }).expect(201);
      await request(testApp.http).post('/awards').set(auth).send({ marketRef: 'M-GRID', companySiret: SIRET.company, role: 'HOLDER' }).expect(201);
      contracts = [];
      for (const ref of ['P-1', 'P-2']) {
        await request(testApp.http).post('/participants').set(auth).send({ ref, lastName: 'Nom', firstName: ref, birthDate: '1980-05-01', gender: 'F', publics: ['RSA'], eligibilityValidatedOn: '2024-02-15' }).expect(201);
        const contract = await request(testApp.http)
          .post('/work-contracts')
          .set(auth)
          .send({ ref: `CT-${ref}`, participantRef: ref, employerSiret: SIRET.company, marketRef: 'M-GRID', kind: 'CDD', mode: 'DIRECT_HIRE', startDate: '2024-03-01', endDate: '2024-06-30' })
          .expect(201);
        contracts.push(contract.body.id);
      }
    });

    it('lists the month’s running contracts only', async () => {
      const march = await page('/heures?mois=2024-03').expect(200);
      expect(march.text).toContain('2 contrats en cours en mars 2024');
      const july = await page('/heures?mois=2024-07').expect(200);
      expect(july.text).toContain('Aucun contrat de travail en cours en juillet 2024');
    });

    it('saves nothing when one cell breaks a rule, and marks that cell', async () => {
      const answer = await post('/heures', { _csrf: session.csrf, mois: '2024-03', [`travail.${contracts[0]}`]: '151,67', [`travail.${contracts[1]}`]: '200', [`formation.${contracts[1]}`]: '30' });
      expect(answer.status).toBe(400);
      expect(answer.text).toContain('Rien n’a été enregistré');
      expect(answer.text).toContain('220 h au plus par mois sur un contrat');
      expect(answer.text).toMatch(new RegExp(`id="champ-${contracts[1]}-hoursWorked"[^>]*aria-invalid="true"`));
      expect(answer.text).toContain('value="151,67"');
      expect(await count(`SELECT count(*) FROM hours_entry`)).toBe(0);
    });

    it('saves the whole month in one request, validated, and shows it back', async () => {
      const answer = await post('/heures', { _csrf: session.csrf, mois: '2024-03', [`travail.${contracts[0]}`]: '151,67', [`formation.${contracts[0]}`]: '7', [`travail.${contracts[1]}`]: '35' });
      expect(answer.status).toBe(303);
      expect(answer.headers.location).toBe('/heures?mois=2024-03&enregistre=1');
      const rows = await testApp.dataSource.query(`SELECT hours_worked::text, training_hours::text, status FROM hours_entry ORDER BY hours_entry.hours_worked`);
      expect(rows).toEqual([
        { hours_worked: '35.00', training_hours: '0.00', status: 'VALIDATED' },
        { hours_worked: '151.67', training_hours: '7.00', status: 'VALIDATED' },
      ]);
      const shown = await page('/heures?mois=2024-03&enregistre=1').expect(200);
      expect(shown.text).toContain('Heures enregistrées et validées');
      expect(shown.text).toContain('value="151,67"');
    });

    it('shows one market’s contracts when asked, and keeps the filter after saving', async () => {
      const other = await page('/heures?mois=2024-03&marche=M-NONE').expect(200);
      expect(other.text).toContain('Aucun contrat de travail en cours en mars 2024 sur le marché M-NONE');
      const one = await page('/heures?mois=2024-03&marche=M-GRID').expect(200);
      expect(one.text).toContain('2 contrats en cours en mars 2024 sur le marché M-GRID');
      const saved = await post('/heures', { _csrf: session.csrf, mois: '2024-03', marche: 'M-GRID', [`travail.${contracts[1]}`]: '35' });
      expect(saved.headers.location).toBe('/heures?mois=2024-03&marche=M-GRID&enregistre=1');
    });

    it('refuses a month outside a contract’s period as the API does', async () => {
      const answer = await post('/heures', { _csrf: session.csrf, mois: '2024-07', [`travail.${contracts[0]}`]: '10' });
      expect(answer.status).toBe(400);
      expect(await count(`SELECT count(*) FROM hours_entry WHERE month = '2024-07-01'`)).toBe(0);
    });
  });

  describe('declarations to validate', () => {
    let declared: string[];

    beforeAll(async () => {
      const company = await accountWithToken(testApp, Role.Company, { siret: SIRET.company });
      const contracts: { id: string }[] = await testApp.dataSource.query(`SELECT id FROM work_contract ORDER BY ref`);
      declared = [];
      for (const [contract, month] of [[contracts[0]!.id, '2024-04'], [contracts[0]!.id, '2024-05'], [contracts[1]!.id, '2024-04']] as const) {
        const answer = await request(testApp.http).post(`/work-contracts/${contract}/hours`).set('Authorization', `Bearer ${company.token}`).send({ month, hoursWorked: '80' }).expect(201);
        declared.push(answer.body.id);
      }
    });

    it('lists them, and validates the ones checked in one go', async () => {
      const list = await page('/declarations').expect(200);
      expect(list.text).toContain('3 déclarations en attente');
      const answer = await post('/declarations', { _csrf: session.csrf, ids: [declared[0]!, declared[1]!], valider: 'selection' });
      expect(answer.headers.location).toBe('/declarations?validees=2&dejaTraitees=0');
      const statuses = await testApp.dataSource.query(`SELECT id, status FROM hours_entry WHERE id = ANY($1) ORDER BY month`, [declared]);
      expect(statuses.map((row: { status: string }) => row.status).sort()).toEqual(['DECLARED', 'VALIDATED', 'VALIDATED']);
    });

    it('validates again what is validated without a change, and asks for at least one', async () => {
      const again = await post('/declarations', { _csrf: session.csrf, valider: declared[0]! });
      expect(again.headers.location).toBe('/declarations?validees=1&dejaTraitees=0');
      const none = await post('/declarations', { _csrf: session.csrf, valider: 'selection' });
      expect(none.status).toBe(400);
      expect(none.text).toContain('cochez au moins une déclaration');
    });

    it('rejects one with a reason the company reads, refusing a reason too short', async () => {
      const form = await page(`/declarations/${declared[2]}/rejet`).expect(200);
      expect(form.text).toContain('Rejeter une déclaration');
      const short = await post(`/declarations/${declared[2]}/rejet`, { _csrf: session.csrf, reason: 'x' });
      expect(short.status).toBe(400);
      expect(short.text).toContain('doit faire de 3 à 500 caractères');
      await post(`/declarations/${declared[2]}/rejet`, { _csrf: session.csrf, reason: 'Contrat suspendu en avril' }).expect(303);
      const [row] = await testApp.dataSource.query(`SELECT status, rejection_reason FROM hours_entry WHERE id = $1`, [declared[2]]);
      expect(row).toEqual({ status: 'REJECTED', rejection_reason: 'Contrat suspendu en avril' });
    });

    it('says so when a declaration was decided otherwise meanwhile, and leaves it', async () => {
      const answer = await post('/declarations', { _csrf: session.csrf, ids: [declared[2]!], valider: 'selection' });
      expect(answer.headers.location).toBe('/declarations?validees=0&dejaTraitees=1');
      const shown = await page(String(answer.headers.location)).expect(200);
      expect(shown.text).toContain('1 déclaration(s) déjà traitée(s) entre-temps');
      expect((await testApp.dataSource.query(`SELECT status FROM hours_entry WHERE id = $1`, [declared[2]]))[0].status).toBe('REJECTED');
    });
  });

  describe('markets', () => {
    it('lists them with their figures, filtered by status, and computes an objective as it is typed', async () => {
      const all = await page('/marches').expect(200);
      expect(all.text).toContain('M-GRID');
      const done = await page('/marches?status=DONE').expect(200);
      expect(done.text).toContain('0 marché');
      const objective = await page('/marches/objectif?amountExclTax=1000000&labourSharePct=50&insertionRatePct=5&hourlyCost=30').expect(200);
      expect(objective.text).toContain('833,00');
    });

    it('refuses a lot whose period leaves its market’s, with the message next to the field', async () => {
      const [market] = await testApp.dataSource.query(`SELECT id FROM market WHERE ref = 'M-GRID'`);
      const answer = await post(`/donnees/marches/nouveau?lot=${market.id}`, {
        _csrf: session.csrf, ref: 'M-GRID-L1', buyerRef: 'B-WEB', title: 'Lot 1', legalBasis: 'EXECUTION_CONDITION', sector: 'BUILDING', hoursObjective: '100', startDate: '2023-06-01', endDate: '2024-06-30',
      });
      expect(answer.status).toBe(400);
      expect(answer.text).toMatch(/id="champ-startDate-messages"[^>]*><p class="fr-message fr-message--error">[^<]+<\/p>/);
      const accepted = await post(`/donnees/marches/nouveau?lot=${market.id}`, {
        _csrf: session.csrf, ref: 'M-GRID-L1', buyerRef: 'B-WEB', title: 'Lot 1', legalBasis: 'EXECUTION_CONDITION', sector: 'BUILDING', hoursObjective: '100', startDate: '2024-01-01', endDate: '2024-06-30',
      });
      expect(accepted.status).toBe(303);
      const shown = await page(String(accepted.headers.location)).expect(200);
      expect(shown.text).toContain(`Lot du marché <a href="/marches/${market.id}">M-GRID</a>`);
    });
  });

  describe('an upload from the import page', () => {
    it('reports its phase and percentage under the token the page chose, to its sender only, and lists the file to download', async () => {
      const csv = 'ref;name;kind;siret\nB-PROGRES;Ville de Progrès;MUNICIPALITY;21690123100011\n';
      const token = 'jeton-0123456789';
      const sent = await request(testApp.http)
        .post(`/importer?_csrf=${encodeURIComponent(session.csrf)}&jeton=${token}`)
        .set('Cookie', session.cookie)
        .field('kind', 'buyers')
        .attach('file', Buffer.from(csv, 'utf8'), { filename: 'acheteurs.csv', contentType: 'text/csv' })
        .expect(200);
      expect(sent.text).toContain('Fichier importé');
      const progress = await page(`/importer/progression/${token}`).expect(200);
      expect(progress.headers['content-type']).toContain('application/json');
      expect(progress.body).toEqual({ phase: 'done', label: 'Terminé — 1 ligne', percent: 100, rows: 1 });
      // Another account, or an unknown token, learns nothing.
      const stranger = await webLogin(testApp, (await accountWithToken(testApp, Role.Facilitator, { structureRef: 'WEB-OTHER' })).email);
      expect((await page(`/importer/progression/${token}`, stranger.cookie).expect(200)).body).toMatchObject({ phase: 'sending', percent: 0 });
      // The structure's list of imports offers the file as it was sent.
      const listed = await page('/importer').expect(200);
      const link = listed.text.match(/href="(\/importer\/\d+\/fichier)"/)![1]!;
      expect((await page(link).expect(200)).text).toBe(csv);
      expect((await page(link, stranger.cookie).expect(404)).text).toContain('Page non trouvée');
    });
  });

  describe('import templates', () => {
    it('offers every kind’s template, whose example lines, imported in order, are all accepted', async () => {
      const target = await createStructure(testApp, 'WEB-TEMPLATES');
      const importer = await accountWithToken(testApp, Role.Facilitator, { structureRef: target.ref });
      for (const kind of IMPORT_KINDS.filter((candidate) => candidate !== 'structures')) {
        const template = await page(`/importer/modeles/${kind}.csv`).expect(200);
        expect(template.headers['content-type']).toBe('text/csv; charset=utf-8');
        expect(template.headers['content-disposition']).toContain(`modele-${kind}.csv`);
        const answer = await importCsv(testApp, importer.token, kind, template.text);
        expect({ kind, status: answer.status, body: answer.body }).toMatchObject({ kind, status: 200, body: { inserted: 1 } });
      }
    });
  });
});
