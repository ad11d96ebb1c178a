import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { Browser, Page } from 'playwright-core';
import request from 'supertest';
import { Role } from '../../src/platform/auth/roles';
import { accountWithToken, createStructure, SIRET, startTestApp, TEST_PASSWORD, TestApp } from '../support/app';
import { inspect, launchChromium, serve, shows, signedIn } from '../support/browser';

jest.setTimeout(180_000);

/** A buyer of no market of this test (Luhn-valid). */
const OTHER_BUYER_SIRET = '21690259000126';

/**
 * Each role's journey in a real Chromium, against the real server, database, queues and workers; every page
 * visited checked by axe-core (no serious or critical violation) and photographed.
 */
describe('the company’s, the buyer’s, national staff’s and the administrator’s spaces, in a browser', () => {
  let testApp: TestApp;
  let browser: Browser;
  let base: string;
  const emails = {} as Record<'facilitator' | 'company' | 'buyer' | 'otherBuyer' | 'national' | 'admin', string>;
  const markets = {} as Record<'north' | 'south', string>;

  /** A logged-in page for the account. */
  const open = (email: string, password = TEST_PASSWORD): Promise<Page> => signedIn(browser, base, email, password);
  const check = async (page: Page, name: string) => expect({ page: name, violations: await inspect(page, name) }).toEqual({ page: name, violations: [] });

  beforeAll(async () => {
    testApp = await startTestApp({ runWorkers: true });
    // One buyer's markets in two structures; the company holds the northern one.
    for (const [key, structureRef] of [['north', 'PLIE-NORD'], ['south', 'PLIE-SUD']] as const) {
      await createStructure(testApp, structureRef);
      const facilitator = await accountWithToken(testApp, Role.Facilitator, { structureRef });
      if (key === 'north') emails.facilitator = facilitator.email;
      const auth = { Authorization: `Bearer ${facilitator.token}` };
      const post = (path: string, body: object) => request(testApp.http).post(path).set(auth).send(body).expect(201);
      await post('/buyers', { ref: 'METRO', name: 'Métropole', kind: 'INTERMUNICIPAL', siret: SIRET.buyer });
      markets[key] = (
        await post('/markets', { ref: `M-${structureRef}`, buyerRef: 'METRO', title: `Marché ${structureRef}`, legalBasis: 'EXECUTION_CONDITION', sector: 'BUILDING', hoursObjective: '600', startDate: '2024-01-01', endDate: '2024-12-31' })
      ).body.id;
      await post('/companies', { siret: SIRET.company, name: 'Bâtir Rhône', kind: 'ORDINARY' });
      await post('/awards', { marketRef: `M-${structureRef}`, companySiret: SIRET.company, role: 'HOLDER', hoursObjective: '600' });
      await post('/participants', { ref: 'P-1', lastName: 'Moreau', firstName: 'Inès', birthDate: '1985-04-12', gender: 'F', publics: ['RSA'], eligibilityValidatedOn: '2024-01-10' });
      await post('/work-contracts', { ref: 'CT-1', participantRef: 'P-1', employerSiret: SIRET.company, marketRef: `M-${structureRef}`, kind: 'CDD', mode: 'DIRECT_HIRE', startDate: '2024-02-01', endDate: '2024-12-31' });
      await post('/hours', { workContractRef: 'CT-1', month: '2024-02', hoursWorked: '100' });
    }
    emails.company = (await accountWithToken(testApp, Role.Company, { siret: SIRET.company })).email;
    emails.buyer = (await accountWithToken(testApp, Role.Buyer, { siret: SIRET.buyer })).email;
    emails.otherBuyer = (await accountWithToken(testApp, Role.Buyer, { siret: OTHER_BUYER_SIRET })).email;
    emails.national = (await accountWithToken(testApp, Role.National)).email;
    emails.admin = (await accountWithToken(testApp, Role.Admin)).email;
    base = await serve(testApp);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await testApp?.close();
  });

  it('a company declares a month, the facilitator validates it, the company sees it validated', async () => {
    const company = await open(emails.company);
    await company.waitForURL(`${base}/entreprise`);
    await shows(company.locator('table'), 'M-PLIE-NORD');
    await check(company, '20-entreprise-marches');
    await company.goto(`${base}/entreprise/declaration?mois=2024-03`);
    // Its workers as the facilitator names them to it: first name and initial, never social data.
    await shows(company.locator('table'), 'Inès M.');
    expect(await company.locator('main').innerText()).not.toMatch(/Moreau|RSA/);
    const cells = company.locator('input[name^="travail."]');
    expect(await cells.count()).toBe(2);
    await cells.nth(0).fill('120');
    await cells.nth(1).fill('300');
    await company.click('button:has-text("Envoyer la déclaration")');
    await shows(company.locator('.fr-alert--error'), 'Rien n’a été envoyé');
    await check(company, '21-entreprise-declaration-refusee');
    await cells.nth(1).fill('80');
    await company.click('button:has-text("Envoyer la déclaration")');
    await shows(company.locator('.fr-alert--success'), 'Déclaration envoyée');

    const facilitator = await open(emails.facilitator);
    await facilitator.goto(`${base}/declarations`);
    await facilitator.click('button:has-text("Valider CT-1")');
    await shows(facilitator.locator('.fr-alert--success'), '1 déclaration validée');

    await company.goto(`${base}/entreprise/heures`);
    await shows(company.locator('table'), /mars 2024\s+CT-1\s+M-PLIE-NORD\s+120,00 h\s+0,00 h\s+Validée/i);
    await shows(company.locator('table'), /mars 2024\s+CT-1\s+M-PLIE-SUD\s+80,00 h\s+0,00 h\s+Déclarée/i);
    await check(company, '22-entreprise-heures');
    await company.goto(`${base}/entreprise/marches/${markets.north}`);
    await shows(company.locator('table'), 'mars 2024');
    await check(company, '23-entreprise-synthese');
  });

  it('a buyer sees its market’s fulfilment across two structures, and not another buyer’s market', async () => {
    const buyer = await open(emails.buyer);
    await buyer.waitForURL(`${base}/acheteur`);
    await shows(buyer.locator('table'), 'M-PLIE-NORD');
    await shows(buyer.locator('table'), 'M-PLIE-SUD');
    await check(buyer, '30-acheteur-marches');
    await buyer.click('a:has-text("M-PLIE-NORD")');
    await shows(buyer.locator('main'), 'Moins de cinq personnes');
    await shows(buyer.locator('table', { hasText: 'Par sexe' }), 'secret statistique');
    expect(await buyer.locator('svg.ct-chart').count()).toBe(1);
    await check(buyer, '31-acheteur-marche');

    const other = await open(emails.otherBuyer);
    const answer = await other.goto(`${base}/acheteur/marches/${markets.north}`);
    expect(answer?.status()).toBe(404);
    await shows(other.locator('h1'), 'Page non trouvée');
    expect(await other.locator('main').innerText()).not.toContain('M-PLIE-NORD');
  });

  it('national staff request a consolidation, watch it reach 100 %, download the XLSX and compare two snapshots', async () => {
    const national = await open(emails.national);
    await national.waitForURL(`${base}/rapports`);
    await national.fill('#champ-year', '2024');
    await national.click('button:has-text("Lancer la consolidation")');
    await national.waitForURL(/\/rapports\/[0-9a-f-]{36}$/);
    const first = national.url();
    // The progress bar is updated in place until the end, then the page shows the report.
    await shows(national.locator('label[for="barre-progression"]'), /Terminée : 100 %/, 30_000);
    await shows(national.locator('h2', { hasText: 'Téléchargements' }), 'Téléchargements', 10_000);
    await check(national, '40-national-consolidation');
    const [download] = await Promise.all([national.waitForEvent('download'), national.click('a:has-text("Classeur XLSX")')]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(readFileSync((await download.path())!) as unknown as ExcelJS.Buffer);
    expect(workbook.worksheets.length).toBeGreaterThan(1);
    expect(JSON.stringify(workbook.worksheets.map((sheet) => sheet.name))).toMatch(/Synth|Chiffres|Tableau|clé/i);

    // A change of data, a second snapshot, and the figures that moved.
    const facilitatorToken = (await request(testApp.http).post('/auth/login').send({ email: emails.facilitator, password: TEST_PASSWORD })).body.accessToken as string;
    await request(testApp.http).post('/hours').set('Authorization', `Bearer ${facilitatorToken}`).send({ workContractRef: 'CT-1', month: '2024-04', hoursWorked: '50' }).expect(201);
    await national.goto(`${base}/rapports`);
    await national.fill('#champ-year', '2024');
    await national.click('button:has-text("Lancer la consolidation")');
    await national.waitForURL(/\/rapports\/[0-9a-f-]{36}$/);
    expect(national.url()).not.toBe(first);
    await shows(national.locator('label[for="barre-progression"]'), /Terminée : 100 %/, 30_000);
    await national.goto(`${base}/rapports`);
    await check(national, '41-national-instantanes');
    await national.click('button:has-text("Voir les écarts")');
    await shows(national.locator('main'), 'les données lues diffèrent');
    await shows(national.locator('table'), /Heures d’insertion réalisées\s+clause.headline.insertionHours.value\s+320\s+370\s+\+50/);
    await check(national, '42-national-ecarts');
    await national.goto(`${base}/national/structures?annee=2024`);
    await shows(national.locator('main'), '2 structures sur 2 ont des contrats ou des heures en 2024');
    await check(national, '43-national-structures');
    await national.click('a:has-text("Questionnaires PLIE")');
    await national.waitForURL(`${base}/national/questionnaires`);
    await national.fill('#champ-annee', '2024');
    await national.click('button:has-text("Afficher")');
    await shows(national.locator('main li', { hasText: 'Tableau 6' }), /Tableau 6 — Financements mobilisés et non mobilisés : 0 PLIE répondant sur \d+/);
    await check(national, '44-national-questionnaires');
  });

  it('an administrator creates an account whose owner must choose a new password at the first login', async () => {
    const admin = await open(emails.admin);
    await admin.waitForURL(`${base}/administration/comptes`);
    await admin.fill('#champ-email', 'nouvelle.facilitatrice@plie-nord.fr');
    await admin.selectOption('#champ-role', 'FACILITATOR');
    await admin.fill('#champ-structureRef', 'PLIE-NORD');
    await admin.fill('#champ-password', 'Provisoire-2026-Nord!');
    await admin.click('button:has-text("Créer le compte")');
    await shows(admin.locator('.fr-alert--success'), 'Compte créé');
    await check(admin, '50-administration-compte');
    await admin.goto(`${base}/administration/structures`);
    await check(admin, '51-administration-structures');

    const newcomer = await open('nouvelle.facilitatrice@plie-nord.fr', 'Provisoire-2026-Nord!');
    await newcomer.waitForURL(`${base}/compte/mot-de-passe`);
    await newcomer.goto(`${base}/marches`);
    expect(newcomer.url()).toBe(`${base}/compte/mot-de-passe`);
    await shows(newcomer.locator('.fr-alert--info'), 'Votre mot de passe est provisoire');
    await check(newcomer, '52-mot-de-passe-impose');
    await newcomer.fill('#champ-currentPassword', 'Provisoire-2026-Nord!');
    await newcomer.fill('#champ-newPassword', 'Mon-Propre-Secret-2026!');
    await newcomer.click('button:has-text("Changer le mot de passe")');
    await shows(newcomer.locator('.fr-alert--success'), 'Mot de passe changé');
    await newcomer.goto(`${base}/marches`);
    await shows(newcomer.locator('h1'), 'Marchés');
  });
});
