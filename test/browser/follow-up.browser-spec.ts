import { readFileSync } from 'node:fs';
import { Browser, Page } from 'playwright-core';
import request from 'supertest';
import { RemindersService } from '../../src/modules/reminders/reminders.service';
import { Role } from '../../src/platform/auth/roles';
import { accountWithToken, createStructure, SIRET, startTestApp, TEST_PASSWORD, TestApp } from '../support/app';
import { inspect, launchChromium, serve, shows, signedIn } from '../support/browser';
import { readPdf } from '../support/pdf';

jest.setTimeout(120_000);

/** The follow-up that runs by itself, as its users meet it: the bell, the notifications, the attestations. */
describe('reminders, notifications and attestations, in a browser', () => {
  let testApp: TestApp;
  let browser: Browser;
  let base: string;
  const emails = {} as Record<'facilitator' | 'company' | 'admin', string>;

  const open = (email: string): Promise<Page> => signedIn(browser, base, email, TEST_PASSWORD);
  const check = async (page: Page, name: string) => expect({ page: name, violations: await inspect(page, name) }).toEqual({ page: name, violations: [] });

  beforeAll(async () => {
    testApp = await startTestApp({ runWorkers: true });
    await createStructure(testApp, 'PLIE-SUIVI');
    const facilitator = await accountWithToken(testApp, Role.Facilitator, { structureRef: 'PLIE-SUIVI' });
    emails.facilitator = facilitator.email;
    const post = async (path: string, body: object) => {
      const answer = await request(testApp.http).post(path).set('Authorization', `Bearer ${facilitator.token}`).send(body);
      if (answer.status !== 201) throw new Error(`${path}: ${JSON.stringify(answer.body)}`);
    };
    await post('/buyers', { ref: 'METRO', name: 'Métropole', kind: 'INTERMUNICIPAL', siret: SIRET.buyer });
    await post('/markets', { ref: 'M-VOIRIE', buyerRef: 'METRO', title: 'Voirie du centre', legalBasis: 'EXECUTION_CONDITION', sector: 'PUBLIC_WORKS', hoursObjective: '1000', startDate: '2024-01-01', endDate: '2024-12-31' });
    await post('/companies', { siret: SIRET.company, name: 'Bâtir Rhône', kind: 'ORDINARY' });
    await post('/awards', { marketRef: 'M-VOIRIE', companySiret: SIRET.company, role: 'HOLDER', hoursObjective: '1000' });
    await post('/participants', { ref: 'P-1', lastName: 'Moreau', firstName: 'Inès', birthDate: '1985-04-12', gender: 'F', publics: ['RSA'], eligibilityValidatedOn: '2023-12-15' });
    await post('/work-contracts', { ref: 'CT-1', participantRef: 'P-1', employerSiret: SIRET.company, marketRef: 'M-VOIRIE', kind: 'CDD', mode: 'DIRECT_HIRE', startDate: '2024-01-01', endDate: '2024-12-31' });
    await post('/hours', { workContractRef: 'CT-1', month: '2024-01', hoursWorked: '120' });
    await post('/hours', { workContractRef: 'CT-1', month: '2024-02', hoursWorked: '130.5' });
    emails.company = (await accountWithToken(testApp, Role.Company, { siret: SIRET.company })).email;
    emails.admin = (await accountWithToken(testApp, Role.Admin)).email;
    // March 2024 was not declared: on 5 April the company is reminded, the facilitator told of the market behind.
    await testApp.app.get(RemindersService).runDay('2024-04-05');
    base = await serve(testApp);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await testApp?.close();
  });

  it('a company sees the bell count its reminder, reads it, and lands on the month to declare', async () => {
    const company = await open(emails.company);
    const bell = company.locator('#cloche-notifications');
    await shows(bell, /Notifications\s*1\s*: 1 non lue/);
    await bell.click();
    await company.waitForURL(`${base}/mes-notifications`);
    await shows(company.locator('main'), 'Déclarez vos heures d’insertion de mars 2024');
    await shows(company.locator('main'), 'Rappel 1 sur 3');
    await check(company, '24-entreprise-notifications');
    await company.click('main form[action$="/ouvrir"] button');
    await company.waitForURL(`${base}/entreprise/declaration?mois=2024-03`);
    await shows(company.locator('h1'), 'mars 2024');
    // Read now: the bell has no count left.
    expect((await bell.innerText()).trim()).toBe('Notifications');
    await company.goto(`${base}/mes-notifications`);
    await shows(company.locator('main'), '· lue');

    await company.goto(`${base}/compte/notifications`);
    await company.locator('label', { hasText: 'Rappels de déclaration des heures du mois' }).click();
    await company.click('button:has-text("Enregistrer mes choix")');
    await shows(company.locator('.fr-alert--success'), 'Vos choix sont enregistrés');
    expect(await company.isChecked('input[value="DECLARATION_REMINDER"]')).toBe(false);
    await check(company, '27-mes-courriels');
  });

  it('a facilitator issues an attestation; the company downloads it, and its QR code opens the verification page', async () => {
    const facilitator = await open(emails.facilitator);
    await facilitator.goto(`${base}/attestations-realisation`);
    await facilitator.selectOption('#champ-companySiret', SIRET.company);
    await facilitator.fill('#champ-fromMonth', '2024-01');
    await facilitator.fill('#champ-toMonth', '2024-02');
    await facilitator.click('button:has-text("Délivrer l’attestation")');
    await shows(facilitator.locator('.fr-alert--success'), 'Attestation délivrée');
    await shows(facilitator.locator('table'), /Bâtir Rhône — marché M-VOIRIE\s+01\/01\/2024 – 29\/02\/2024\s+250,50 h/);
    await check(facilitator, '13-attestations');

    const company = await open(emails.company);
    await company.goto(`${base}/entreprise/attestations`);
    await shows(company.locator('table'), 'Délivrée');
    const [download] = await Promise.all([company.waitForEvent('download'), company.click('a:has-text("PDF")')]);
    expect(download.suggestedFilename()).toMatch(/^attestation-[0-9A-Z]{4}(-[0-9A-Z]{4}){3}\.pdf$/);
    const content = readFileSync((await download.path())!);
    expect(content.subarray(0, 5).toString()).toBe('%PDF-');
    const { text, qr } = await readPdf(content);
    expect(text).toMatch(/Total\s+250,50\sh/);
    expect(qr).toMatch(/\/verifier\/[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
    await check(company, '25-entreprise-attestations');

    const visitor = await (await browser.newContext({ locale: 'fr-FR' })).newPage();
    await visitor.goto(`${base}${new URL(qr!).pathname}`);
    await shows(visitor.locator('.fr-alert'), 'Attestation authentique');
    await shows(visitor.locator('main'), 'Bâtir Rhône (SIRET 73282932000074)');
    await check(visitor, '26-verification-attestation');
  });

  it('an administrator sees the scheduled jobs, their next and last runs', async () => {
    const admin = await open(emails.admin);
    await admin.goto(`${base}/administration/taches`);
    await shows(admin.locator('table'), /Rappels et alertes du jour[^\n]*\s+tous les jours à 07:00 \(heure de Paris\)/);
    await shows(admin.locator('table'), /réussie/i);
    await check(admin, '53-administration-taches');
  });
});
