import request from 'supertest';
import { Browser, BrowserContext, Page } from 'playwright-core';
import { AccountsService } from '../../src/modules/accounts/accounts.service';
import { Role } from '../../src/platform/auth/roles';
import { accountWithToken, createStructure, SIRET, startTestApp, TEST_PASSWORD, TestApp } from '../support/app';
import { holds, inspect, launchChromium, serve, shows } from '../support/browser';
import { waitFor } from '../support/wait';

jest.setTimeout(180_000);

/**
 * A facilitator's day in a real Chromium, against the real server, database, queues and workers: every page of the
 * journey is photographed and checked by axe-core (no serious or critical violation).
 */
describe('the facilitator’s day, in a browser', () => {
  let testApp: TestApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let base: string;
  let facilitatorEmail: string;
  let companyToken: string;
  let otherMarketId: string;

  /** Each page the journey visits: photographed, and free of serious accessibility problems. */
  const check = async (name: string) => expect({ page: name, violations: await inspect(page, name) }).toEqual({ page: name, violations: [] });
  const heading = () => page.locator('h1').innerText();

  beforeAll(async () => {
    testApp = await startTestApp({ runWorkers: true });
    const own = await createStructure(testApp, 'PLIE-NAVIGATEUR');
    const other = await createStructure(testApp, 'PLIE-VOISIN');
    facilitatorEmail = (await accountWithToken(testApp, Role.Facilitator, { structureRef: own.ref })).email;
    companyToken = (await accountWithToken(testApp, Role.Company, { siret: SIRET.company })).token;
    const neighbour = await accountWithToken(testApp, Role.Facilitator, { structureRef: other.ref });
    const auth = { Authorization: `Bearer ${neighbour.token}` };
    await request(testApp.http).post('/buyers').set(auth).send({ ref: 'B-VOISIN', name: 'Commune voisine', kind: 'MUNICIPALITY', siret: SIRET.buyer }).expect(201);
    otherMarketId = (
      await request(testApp.http)
        .post('/markets')
        .set(auth)
        .send({ ref: 'M-VOISIN', buyerRef: 'B-VOISIN', title: 'Marché voisin', legalBasis: 'EXECUTION_CONDITION', sector: 'BUILDING', hoursObjective: '100', startDate: '2024-01-01', endDate: '2024-12-31' })
        .expect(201)
    ).body.id;
    base = await serve(testApp);
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'fr-FR' });
    page = await context.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await testApp?.close();
  });

  it('logs in, records a market and its people, enters a month of hours, validates a declaration, imports, logs out', async () => {
    // Logging in: a page asked without a session leads to the login form, then back to it.
    await page.goto(`${base}/tableau-de-bord`);
    await page.waitForURL(`${base}/connexion?retour=%2Ftableau-de-bord`);
    await check('01-connexion');
    await page.fill('#champ-email', facilitatorEmail);
    await page.fill('#champ-password', 'pas le bon mot de passe');
    await page.click('button:has-text("Se connecter")');
    await shows(page.locator('.fr-alert--error'), 'Identifiant ou mot de passe incorrect');
    await page.fill('#champ-password', TEST_PASSWORD);
    await page.click('button:has-text("Se connecter")');
    await page.waitForURL(`${base}/tableau-de-bord`);
    expect(await heading()).toBe('Tableau de bord');
    await check('02-tableau-de-bord');

    // A buyer: the refused form first, with its French messages next to the fields and summarised at the top.
    await page.goto(`${base}/donnees/acheteurs/nouveau`);
    await page.fill('#champ-siret', '12345678901234');
    await page.click('button:has-text("Enregistrer")');
    await shows(page.locator('#erreurs'), 'Le formulaire contient');
    await shows(page.locator('#champ-ref-messages'), /^est obligatoire$/);
    await shows(page.locator('#champ-siret-messages'), 'doit être un SIRET valide');
    expect(await page.title()).toMatch(/^Erreur — /);
    await check('03-formulaire-refuse');
    await page.fill('#champ-ref', 'B-WEB');
    await page.fill('#champ-name', 'Ville de Vénissieux');
    await page.selectOption('#champ-kind', 'MUNICIPALITY');
    await page.fill('#champ-siret', SIRET.buyer);
    await page.click('button:has-text("Enregistrer")');
    await shows(page.locator('.fr-alert--success'), 'B-WEB');

    // A market whose objective is computed: the calculator answers as the sizing is typed.
    await page.goto(`${base}/donnees/marches/nouveau`);
    await page.fill('#champ-ref', 'M-WEB');
    await page.fill('#champ-buyerRef', 'B-WEB');
    await page.fill('#champ-title', 'Réhabilitation du groupe scolaire Pasteur');
    await page.selectOption('#champ-legalBasis', 'EXECUTION_CONDITION');
    await page.selectOption('#champ-sector', 'BUILDING');
    await page.fill('#champ-amountExclTax', '1 000 000'.replace(/ /g, ''));
    await page.fill('#champ-labourSharePct', '50');
    await page.fill('#champ-insertionRatePct', '5');
    await page.locator('#champ-hourlyCost').pressSequentially('30');
    await shows(page.locator('#objectif-calcule'), '833,00 h');
    await page.fill('#champ-startDate', '2024-01-01');
    await page.fill('#champ-endDate', '2024-12-31');
    await check('04-marche-formulaire');
    await page.click('button:has-text("Enregistrer")');
    await page.waitForURL(/\/marches\/[0-9a-f-]{36}\?enregistre=1$/);
    const marketUrl = page.url().replace(/\?.*$/, '');
    await shows(page.locator('.fr-callout__title'), /^Objectif : 833,00 h$/);
    await shows(page.locator('.fr-callout__text').first(), 'Calculé');

    // Its company and award, a participant and a work contract.
    await page.goto(`${base}/donnees/entreprises/nouveau`);
    await page.fill('#champ-siret', SIRET.company);
    await page.fill('#champ-name', 'Bâtir Rhône');
    await page.selectOption('#champ-kind', 'ORDINARY');
    await page.click('button:has-text("Enregistrer")');
    await page.goto(marketUrl);
    await page.click('a:has-text("Ajouter une attribution")');
    await holds(page.locator('#champ-marketRef'), 'M-WEB');
    await page.fill('#champ-companySiret', SIRET.company);
    await page.selectOption('#champ-role', 'HOLDER');
    await page.click('button:has-text("Enregistrer")');
    await shows(page.locator('.fr-alert--success'), 'M-WEB');

    await page.goto(`${base}/donnees/participants/nouveau`);
    await page.fill('#champ-ref', 'P-WEB');
    await page.fill('#champ-lastName', 'Moreau');
    await page.fill('#champ-firstName', 'Inès');
    await page.fill('#champ-birthDate', '1985-04-12');
    await page.selectOption('#champ-gender', 'F');
    await page.locator('label', { hasText: 'Allocataires du RSA' }).click();
    await page.fill('#champ-eligibilityValidatedOn', '2024-02-20');
    await page.click('button:has-text("Enregistrer")');
    await page.waitForURL(/\/personnes\/[0-9a-f-]{36}\?enregistre=1$/);
    await page.click('a:has-text("Ajouter un contrat de travail")');
    await holds(page.locator('#champ-participantRef'), 'P-WEB');
    await page.fill('#champ-ref', 'CT-WEB');
    await page.fill('#champ-employerSiret', SIRET.company);
    await page.fill('#champ-marketRef', 'M-WEB');
    await page.selectOption('#champ-kind', 'CDD');
    await page.selectOption('#champ-mode', 'DIRECT_HIRE');
    await page.fill('#champ-startDate', '2024-03-01');
    await page.fill('#champ-endDate', '2024-12-31');
    await page.click('button:has-text("Enregistrer")');
    await shows(page.locator('.fr-alert--success'), 'CT-WEB');

    // A month of hours in the grid, from the keyboard: Tab goes from one cell to the next.
    await page.goto(`${base}/heures?mois=2024-03`);
    await shows(page.locator('caption'), /^1 contrat en cours en mars 2024$/);
    const worked = page.locator('input[name^="travail."]');
    await worked.focus();
    await page.keyboard.type('151,67');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).name)).toMatch(/^formation\./);
    await page.keyboard.type('7');
    await check('05-heures-du-mois');
    await page.click('button:has-text("Enregistrer les heures")');
    await shows(page.locator('.fr-alert--success'), /Heures enregistrées et validées/);
    await holds(worked, '151,67');

    // The market's figures follow, once the workers have applied the change.
    await waitFor(
      async () => {
        await page.goto(marketUrl);
        return page.locator('dd', { hasText: /h$/ }).first().innerText();
      },
      (validated) => validated === '158,67 h',
      20_000,
    );
    await shows(page.locator('table', { hasText: 'Heures validées par mois' }), 'mars 2024');
    await check('06-marche');

    // A company's declaration waits for the facilitator, who validates it.
    const contractId = (await testApp.dataSource.query(`SELECT id FROM work_contract WHERE ref = 'CT-WEB'`))[0].id;
    await request(testApp.http).post(`/work-contracts/${contractId}/hours`).set('Authorization', `Bearer ${companyToken}`).send({ month: '2024-04', hoursWorked: '120' }).expect(201);
    await page.goto(`${base}/tableau-de-bord?annee=2024`);
    await shows(page.locator('h2', { hasText: 'Déclarations à valider' }), /^Déclarations à valider \(1\)$/);
    await page.click('a:has-text("Valider les déclarations")');
    await check('07-declarations');
    await page.click('button:has-text("Valider CT-WEB")');
    await shows(page.locator('.fr-alert--success'), /1 déclaration validée/);
    expect((await testApp.dataSource.query(`SELECT status FROM hours_entry WHERE month = '2024-04-01'`))[0].status).toBe('VALIDATED');

    // An import refused with its problems, then accepted.
    await page.goto(`${base}/importer`);
    await page.selectOption('#champ-kind', 'hours');
    await page.setInputFiles('#champ-file', { name: 'heures-mai.csv', mimeType: 'text/csv', buffer: Buffer.from('work_contract_ref;month;hours_worked;training_hours\nCT-INCONNU;2024-05;100;\n') });
    await page.click('button:has-text("Importer")');
    await shows(page.locator('.fr-alert--error'), 'Fichier refusé : heures-mai.csv');
    await shows(page.locator('table', { hasText: 'Problèmes du fichier' }).locator('tbody'), /^2\s+work_contract_ref\s+contrat de travail inconnu dans la structure : « CT-INCONNU »$/);
    await check('08-import-refuse');
    await page.selectOption('#champ-kind', 'hours');
    await page.setInputFiles('#champ-file', { name: 'heures-mai.csv', mimeType: 'text/csv', buffer: Buffer.from('work_contract_ref;month;hours_worked;training_hours\nCT-WEB;2024-05;100;\n') });
    await page.click('button:has-text("Importer")');
    await shows(page.locator('.fr-alert--success'), '1 créé(s)');
    await shows(page.locator('table', { hasText: 'Les dix derniers fichiers' }), 'heures-mai.csv');
    await check('09-imports');

    // Logging out ends the session.
    await page.click('button:has-text("Se déconnecter")');
    await page.waitForURL(`${base}/connexion?fin=1`);
    await shows(page.locator('.fr-alert--info'), 'Vous êtes déconnecté');
    await page.goto(`${base}/marches`);
    await page.waitForURL(`${base}/connexion?retour=%2Fmarches`);
  });

  it('shows another structure’s market as a page not found', async () => {
    await page.goto(`${base}/connexion`);
    await page.fill('#champ-email', facilitatorEmail);
    await page.fill('#champ-password', TEST_PASSWORD);
    await page.click('button:has-text("Se connecter")');
    const answer = await page.goto(`${base}/marches/${otherMarketId}`);
    expect(answer?.status()).toBe(404);
    expect(await heading()).toBe('Page non trouvée');
    expect(await page.locator('main').innerText()).not.toContain('M-VOISIN');
    await check('10-page-non-trouvee');
  });

  it('fills the yearly questionnaire: the totals follow the typing, the table is saved', async () => {
    await page.goto(`${base}/questionnaire?annee=2024`);
    expect(await heading()).toBe('Questionnaire annuel 2024');
    await page.fill('#champ-v-axis_3-state-direct', '1000');
    await page.fill('#champ-v-axis_3-state-indirect', '250,5');
    await page.fill('#champ-v-axis_4-esf-direct', '100');
    // Computed by the server as the figures are typed (htmx), without saving.
    await shows(page.locator('#total-FINANCING-axis_3-state-total'), /^1\s250,5$/);
    await shows(page.locator('#total-FINANCING-totals-total_general-total'), /^1\s350,5$/);
    await check('12-questionnaire');
    await page.click('button:has-text("Enregistrer le tableau 6")');
    await shows(page.locator('.fr-alert--success'), /Tableau 6 — Financements mobilisés et non mobilisés : enregistré/);
    await shows(page.locator('#total-FINANCING-mobilised-subtotal_mobilised-total'), /^1\s350,5$/);
    expect((await testApp.dataSource.query(`SELECT count(*)::int AS n FROM plie_annual_figure WHERE year = 2024`))[0].n).toBe(3);
  });

  it('ends the browser’s session when the account is deactivated', async () => {
    const id = (await testApp.dataSource.query(`SELECT id FROM user_account WHERE email = $1`, [facilitatorEmail]))[0].id;
    await page.goto(`${base}/marches`);
    expect(await heading()).toBe('Marchés');
    await check('11-marches');
    await testApp.app.get(AccountsService).update(id, { active: false });
    await page.goto(`${base}/marches`);
    await page.waitForURL(`${base}/connexion?retour=%2Fmarches`);
  });
});

