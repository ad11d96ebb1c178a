import request from 'supertest';
import { StructuresService } from '../../src/modules/structures/structures.service';
import { Role } from '../../src/platform/auth/roles';
import { accountWithToken, createStructure, startTestApp, TestApp } from '../support/app';
import { importCsv } from '../support/fixtures';
import { webLogin, WebSession } from '../support/web';

/** The PLIE's yearly questionnaire: import (replaced per year and table), API, the web form, national staff's view. */
describe('PLIE yearly questionnaire', () => {
  let testApp: TestApp;
  let token: string;
  let otherToken: string;
  let nationalToken: string;
  let session: WebSession;
  let nationalSession: WebSession;
  const figures = async (structure = 'PLIE-QUESTIONNAIRE') =>
    testApp.dataSource.query(
      `SELECT f.year, f.questionnaire_table AS "table", f.item, f.measure, f.value::text AS value FROM plie_annual_figure f JOIN structure s ON s.id = f.structure_id
        WHERE s.ref = $1 ORDER BY 1, 2, 3, 4`,
      [structure],
    );

  beforeAll(async () => {
    testApp = await startTestApp();
    await createStructure(testApp, 'PLIE-QUESTIONNAIRE');
    await testApp.app.get(StructuresService).create({ ref: 'MDE-SANS-PLIE', name: 'Maison de l’emploi', kind: 'MDE' });
    const account = await accountWithToken(testApp, Role.Facilitator, { structureRef: 'PLIE-QUESTIONNAIRE' });
    token = account.token;
    session = await webLogin(testApp, account.email);
    otherToken = (await accountWithToken(testApp, Role.Facilitator, { structureRef: 'MDE-SANS-PLIE' })).token;
    const national = await accountWithToken(testApp, Role.National);
    nationalToken = national.token;
    nationalSession = await webLogin(testApp, national.email);
  });
  afterAll(() => testApp.close());

  it('refuses every bad line with its line, column and a French message, writing nothing', async () => {
    const refused = await importCsv(
      testApp,
      token,
      'plie_annual_data',
      [
        'year;table;item;column;value',
        '2017;FINANCING;axis_3.state;direct;1000',
        '2017;FINANCING;axis_3.subtotal_axis_3;direct;5',
        '2017;FINANCING;axis_3.state;esf;5',
        '2017;ALLOCATIONS;aci;total;-3',
        '2017;ALLOCATIONS;geiq;esf;1,234',
        '2017;ORGANISATION;meetings_organised;value;12',
        '2017;ORGANISATION;inconnu;value;1',
        '2017;TABLEAU;aci;total;1',
        '1890;ORGANISATION;team_staff;value;3',
        '2017;FINANCING;axis_3.state;direct;2000',
      ].join('\n'),
    );
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([
      { line: 3, column: 'item', message: expect.stringContaining('total calculé par la plateforme') },
      { line: 4, column: 'column', message: 'colonne « esf » impossible pour axis_3.state : possibles direct, indirect' },
      { line: 5, column: 'value', message: 'doit être positif ou nul' },
      { line: 6, column: 'value', message: 'doit avoir 2 décimales au plus' },
      { line: 7, column: 'item', message: expect.stringContaining('total calculé par la plateforme (somme de meetings_organised_institutional, meetings_organised_operational)') },
      { line: 8, column: 'item', message: expect.stringContaining('élément inconnu du tableau ORGANISATION') },
      { line: 9, column: 'table', message: 'doit être l’un de : FINANCING, ALLOCATIONS, ORGANISATION' },
      { line: 10, column: 'year', message: 'doit être compris entre 2000 et 2100' },
      { line: 11, column: 'column', message: 'déjà présent ligne 2 : une seule ligne par year + table + item + column' },
    ]);
    expect(await figures()).toEqual([]);
  });

  it('refuses a structure that is not a PLIE', async () => {
    const refused = await importCsv(testApp, otherToken, 'plie_annual_data', 'year;table;item;column;value\n2017;ORGANISATION;team_staff;value;3\n');
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([{ line: 2, column: 'structure_ref', message: 'la structure n’est pas un PLIE : seuls les PLIE remplissent le questionnaire annuel' }]);
  });

  it('imports a year, then replaces that year’s tables present in a new file and leaves the others', async () => {
    const first = await importCsv(
      testApp,
      token,
      'plie_annual_data',
      'year;table;item;column;value\n2017;FINANCING;axis_3.state;direct;1000\n2017;FINANCING;axis_3.esf;direct;2500,50\n2017;ORGANISATION;team_staff;value;6\n2016;FINANCING;axis_3.state;direct;900\n',
    );
    expect(first.body).toEqual({ kind: 'plie_annual_data', inserted: 4, updated: 0, unchanged: 0, deleted: 0 });
    const again = await importCsv(testApp, token, 'plie_annual_data', 'year;table;item;column;value\n2017;FINANCING;axis_3.state;direct;1200\n');
    expect(again.body).toEqual({ kind: 'plie_annual_data', inserted: 0, updated: 1, unchanged: 0, deleted: 1 });
    expect(await figures()).toEqual([
      { year: 2016, table: 'FINANCING', item: 'axis_3.state', measure: 'direct', value: '900.00' },
      { year: 2017, table: 'FINANCING', item: 'axis_3.state', measure: 'direct', value: '1200.00' },
      { year: 2017, table: 'ORGANISATION', item: 'team_staff', measure: 'value', value: '6.00' },
    ]);
    const deletions = await testApp.dataSource.query(`SELECT changes FROM audit_entry WHERE entity = 'plie_annual_data' AND action = 'DELETE'`);
    expect(deletions).toEqual([{ changes: expect.objectContaining({ item: 'axis_3.esf', value: 2500.5 }) }]);
  });

  it('reads a year with its computed totals and replaces a table through the API, naming the refused figure', async () => {
    const replaced = await request(testApp.http)
      .put('/plie/questionnaires/2017/FINANCING')
      .set('Authorization', `Bearer ${token}`)
      .send({ figures: [{ item: 'axis_3.state', column: 'direct', value: '1000' }, { item: 'axis_3.state', column: 'indirect', value: 250.5 }, { item: 'axis_4.esf', column: 'direct', value: '100' }] })
      .expect(200);
    const financing = replaced.body.tables.find((table: { table: string }) => table.table === 'FINANCING');
    const row = (key: string) => financing.rows.find((found: { key: string }) => found.key === key);
    expect(financing.declared).toBe(3);
    expect(row('axis_3.state')).toMatchObject({ computed: false, values: { direct: '1000', indirect: '250.5', total: '1250.5' } });
    expect(row('axis_3.subtotal_axis_3')).toMatchObject({ computed: true, values: { direct: '1000', indirect: '250.5', total: '1250.5' } });
    expect(row('mobilised.subtotal_mobilised').values).toEqual({ direct: '1100', indirect: '250.5', total: '1350.5' });
    expect(row('totals.total_general').values).toEqual({ total: '1350.5' });
    expect(row('totals.of_which_esf').values).toEqual({ total: '100' });
    expect(row('axis_3.regional_council').values).toEqual({ direct: null, indirect: null, total: null });

    const refused = await request(testApp.http)
      .put('/plie/questionnaires/2017/FINANCING')
      .set('Authorization', `Bearer ${token}`)
      .send({ figures: [{ item: 'axis_3.state', column: 'direct', value: '7' }, { item: 'totals.total_general', column: 'total', value: '9' }] })
      .expect(400);
    expect(refused.body.erreurs).toEqual([{ champ: 'figures[1].item', message: expect.stringContaining('total calculé par la plateforme') }]);
    const unknownTable = await request(testApp.http).put('/plie/questionnaires/2017/TABLE11').set('Authorization', `Bearer ${token}`).send({ figures: [] }).expect(400);
    expect(unknownTable.body.erreurs).toEqual([{ champ: 'table', message: 'tableau inconnu « TABLE11 » : possibles FINANCING, ALLOCATIONS, ORGANISATION' }]);
    const badYear = await request(testApp.http).get('/plie/questionnaires/deux-mille').set('Authorization', `Bearer ${token}`).expect(400);
    expect(badYear.body.erreurs).toEqual([{ champ: 'year', message: 'doit être une année (AAAA)' }]);
    expect((await figures()).filter((figure: { year: number; table: string }) => figure.year === 2017 && figure.table === 'FINANCING')).toHaveLength(3);

    // An empty list leaves the table unanswered.
    await request(testApp.http).put('/plie/questionnaires/2017/FINANCING').set('Authorization', `Bearer ${token}`).send({ figures: [] }).expect(200);
    expect((await figures()).filter((figure: { year: number; table: string }) => figure.year === 2017 && figure.table === 'FINANCING')).toEqual([]);
  });

  it('replaces a table as a whole even when saves of it cross: the result is one of them, never a mix', async () => {
    const put = (figures: object[]) => request(testApp.http).put('/plie/questionnaires/2019/ALLOCATIONS').set('Authorization', `Bearer ${token}`).send({ figures });
    // Eight saves at once, each of two recipients of its own.
    const saves = ['aci', 'ei', 'etti', 'ai', 'regie_de_quartier', 'geiq', 'pole_emploi', 'mission_locale'].map((item, index, items) => [
      { item, column: 'total', value: String(index + 1) },
      { item: items[(index + 1) % items.length]!, column: 'esf', value: '1' },
    ]);
    const possible = saves.map((figures) => figures.map((figure) => `${figure.item}.${figure.column}`).sort());
    for (let round = 0; round < 4; round += 1) {
      const answers = await Promise.all(saves.map(put));
      expect(answers.map((answer) => answer.status)).toEqual(saves.map(() => 200));
      const stored = (await figures()).filter((figure: { year: number }) => figure.year === 2019).map((figure: { item: string; measure: string }) => `${figure.item}.${figure.measure}`).sort();
      expect(possible).toContainEqual(stored);
    }
  });

  it('lets national staff see which PLIE answered which table of a year', async () => {
    await request(testApp.http).put('/plie/questionnaires/2017/ALLOCATIONS').set('Authorization', `Bearer ${token}`).send({ figures: [{ item: 'aci', column: 'total', value: '5000' }] }).expect(200);
    const answer = await request(testApp.http).get('/plie/questionnaires/respondents?year=2017').set('Authorization', `Bearer ${nationalToken}`).expect(200);
    expect(answer.body).toEqual([
      { structureRef: 'PLIE-QUESTIONNAIRE', structureName: 'Structure PLIE-QUESTIONNAIRE', declared: { FINANCING: 0, ALLOCATIONS: 1, ORGANISATION: 1 }, lastChangedAt: expect.any(String) },
    ]);
    const page = await request(testApp.http).get('/national/questionnaires?annee=2017').set('Cookie', nationalSession.cookie).expect(200);
    expect(page.text).toContain('PLIE-QUESTIONNAIRE — Structure PLIE-QUESTIONNAIRE');
    expect(page.text).toMatch(/Tableau 6 — Financements mobilisés et non mobilisés : <strong>0<\/strong> PLIE répondant sur 1/);
    expect(page.text).toMatch(/Tableau 7 — Fonds attribués à d’autres structures : <strong>1<\/strong> PLIE répondant sur 1/);
  });

  it('fills a table in the web form: totals computed as typed, a refused figure shown at its field, a saved one kept', async () => {
    const form = await request(testApp.http).get('/questionnaire?annee=2018').set('Cookie', session.cookie).expect(200);
    expect(form.text).toContain('Questionnaire annuel 2018');
    expect(form.text).toContain('hx-get="/questionnaire/2018/financements/totaux"');
    const totals = await request(testApp.http)
      .get('/questionnaire/2018/organisation/totaux')
      .query({ 'v:meetings_organised_institutional:value': '3', 'v:meetings_organised_operational:value': '4,5', 'v:pathway_referents_ai:value': 'deux' })
      .set('Cookie', session.cookie)
      .expect(200);
    expect(totals.text).toContain('<output id="total-ORGANISATION-meetings_organised-value" hx-swap-oob="true">7,5</output>');
    expect(totals.text).toContain('<output id="total-ORGANISATION-pathway_referents-value" hx-swap-oob="true">—</output>');

    const refused = await request(testApp.http)
      .post('/questionnaire/2018/organisation')
      .set('Cookie', session.cookie)
      .type('form')
      .send({ _csrf: session.csrf, 'v:team_staff:value': '6', 'v:payroll:value': '-5' });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('<title>Erreur — Questionnaire annuel 2018');
    expect(refused.text).toContain('Masse salariale — Valeur : doit être positif ou nul');
    expect(refused.text).toMatch(/id="champ-v-payroll-value" name="v:payroll:value" value="-5"[^>]*aria-invalid="true"/);
    expect((await figures()).filter((figure: { year: number }) => figure.year === 2018)).toEqual([]);

    const saved = await request(testApp.http)
      .post('/questionnaire/2018/organisation')
      .set('Cookie', session.cookie)
      .type('form')
      .send({ _csrf: session.csrf, 'v:team_staff:value': '6', 'v:team_staff_fte:value': '4,6', 'v:payroll:value': '' });
    expect(saved.status).toBe(303);
    expect(saved.headers.location).toBe('/questionnaire?annee=2018&enregistre=organisation#organisation');
    expect((await figures()).filter((figure: { year: number }) => figure.year === 2018)).toEqual([
      { year: 2018, table: 'ORGANISATION', item: 'team_staff', measure: 'value', value: '6.00' },
      { year: 2018, table: 'ORGANISATION', item: 'team_staff_fte', measure: 'value', value: '4.60' },
    ]);
    const after = await request(testApp.http).get('/questionnaire?annee=2018&enregistre=organisation').set('Cookie', session.cookie).expect(200);
    expect(after.text).toContain('Tableau 10 — Organisation du PLIE : enregistré');
    expect(after.text).toContain('name="v:team_staff_fte:value" value="4,6"');
  });

  it('tells the facilitator of a structure that is not a PLIE that it has no questionnaire', async () => {
    const account = await accountWithToken(testApp, Role.Facilitator, { structureRef: 'MDE-SANS-PLIE' });
    const other = await webLogin(testApp, account.email);
    const page = await request(testApp.http).get('/questionnaire').set('Cookie', other.cookie).expect(200);
    expect(page.text).toContain('Le questionnaire annuel concerne les PLIE');
    expect(page.text).not.toContain('hx-get="/questionnaire/');
  });
});
