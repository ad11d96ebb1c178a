import request from 'supertest';
import { Role } from '../../src/platform/auth/roles';
import { accountWithToken, startTestApp, TestApp, createStructure } from '../support/app';
import { importCsv, importFixtures } from '../support/fixtures';
import { OpenApiDocument, schemaProblems } from '../support/openapi';

/** The OpenAPI document against the API's real answers: what it says is what the routes send. */
describe('the OpenAPI document tells the truth', () => {
  let testApp: TestApp;
  let document: OpenApiDocument;
  let facilitator: string;
  let national: string;
  let marketId: string;

  /** Checks an answer against the schema the document gives for this route and status. */
  function expectDocumented(route: string, method: string, answer: request.Response): void {
    const response = document.paths[route]?.[method]?.responses[String(answer.status)];
    expect({ route, method, status: answer.status, documented: response !== undefined }).toEqual({ route, method, status: answer.status, documented: true });
    const schema = response!.content?.['application/json']?.schema;
    expect({ route, status: answer.status, schema: schema !== undefined }).toEqual({ route, status: answer.status, schema: true });
    expect({ route, status: answer.status, problems: schemaProblems(document, schema!, answer.body) }).toEqual({ route, status: answer.status, problems: [] });
  }

  beforeAll(async () => {
    testApp = await startTestApp();
    const structure = await createStructure(testApp, 'PLIE-DOC');
    facilitator = (await accountWithToken(testApp, Role.Facilitator, { structureRef: structure.ref })).token;
    national = (await accountWithToken(testApp, Role.National)).token;
    await importFixtures(testApp, facilitator);
    document = (await request(testApp.http).get('/api/docs-json').expect(200)).body;
    [{ id: marketId }] = await testApp.dataSource.query(`SELECT id FROM market WHERE ref = 'M17-003'`);
  }, 60_000);
  afterAll(() => testApp.close());

  const as = (token: string) => ({
    get: (path: string) => request(testApp.http).get(path).set('Authorization', `Bearer ${token}`),
    post: (path: string, body: object) => request(testApp.http).post(path).set('Authorization', `Bearer ${token}`).send(body),
  });

  it('describes the main answers as they are sent', async () => {
    expectDocumented('/auth/login', 'post', await request(testApp.http).post('/auth/login').send({ email: 'nobody@doc.fr', password: 'Vélo-Rouge-42!' }));
    expectDocumented('/auth/me', 'get', await as(facilitator).get('/auth/me'));
    expectDocumented('/markets', 'get', await as(facilitator).get('/markets?pageSize=5'));
    expectDocumented('/markets/{id}', 'get', await as(facilitator).get(`/markets/${marketId}`));
    expectDocumented('/markets/{id}/fulfilment', 'get', await as(facilitator).get(`/markets/${marketId}/fulfilment`));
    expectDocumented('/participants', 'get', await as(facilitator).get('/participants?pageSize=3'));
    expectDocumented('/work-contracts', 'get', await as(facilitator).get('/work-contracts?pageSize=3'));
    expectDocumented('/hours', 'get', await as(facilitator).get('/hours?pageSize=5'));
    expectDocumented('/hours', 'post', await as(facilitator).post('/hours', { workContractRef: 'CT-0001', month: '2017-09', hoursWorked: '120,5' }));
    expectDocumented('/consolidations', 'post', await as(national).post('/consolidations', { year: 2017 }));
    expectDocumented('/consolidations', 'get', await as(national).get('/consolidations'));

    // The comparison itself can fail: an undeclared property, a decimal sent as a number, a missing field.
    const market = (await as(facilitator).get(`/markets/${marketId}`)).body;
    const schema = document.paths['/markets/{id}']!.get!.responses['200']!.content!['application/json']!.schema;
    expect(schemaProblems(document, schema, { ...market, surprise: 1 })).toEqual(['$.surprise: not in the document']);
    expect(schemaProblems(document, schema, { ...market, hoursObjective: 833 })).toEqual(['$.hoursObjective: number where the document says string']);
    const { title: _title, ...untitled } = market;
    expect(schemaProblems(document, schema, untitled)).toEqual(['$.title: required, absent']);
  });

  it('describes the error answers, in one shape', async () => {
    expectDocumented('/buyers', 'post', await as(facilitator).post('/buyers', { ref: 'B', name: 'Ville', kind: 'PLANET' }));
    expectDocumented('/markets/{id}', 'get', await as(facilitator).get('/markets/7d3c5a5e-3f0c-4f43-9b8d-0f5c2d9a1b11'));
    expectDocumented('/participants', 'get', await request(testApp.http).get('/participants'));
    expectDocumented('/participants', 'get', await as(national).get('/participants'));
    expectDocumented('/markets', 'post', await as(facilitator).post('/markets', { ref: 'M17-001', buyerRef: 'VILLE-VEN', title: 'x', legalBasis: 'EXECUTION_CONDITION', sector: 'BUILDING', hoursObjective: '10', startDate: '2017-01-01', endDate: '2017-12-31' }));
    expectDocumented('/imports/{kind}', 'post', await importCsv(testApp, facilitator, 'hours', 'work_contract_ref;month;hours_worked\nCT-0001;2017-07;abc\n'));
  });

  it('declares decimals as texts with their pattern, pages as integers, dates with their format, and errors on every operation', () => {
    const schemas = document.components.schemas as Record<string, { properties: Record<string, Record<string, unknown>> }>;
    expect(schemas.MarketDto!.properties.hoursObjective).toMatchObject({ type: 'string', pattern: '^\\d+(\\.\\d{1,2})?$' });
    expect(schemas.MarketDto!.properties.startDate).toMatchObject({ type: 'string', format: 'date' });
    expect(schemas.CreateMarketDto!.properties.hoursObjective).toMatchObject({ type: 'string', pattern: '^(\\d{1,12})(?:[.,](\\d+))?$', example: '151,67' });
    expect(schemas.MarketPageDto!.properties.total).toMatchObject({ type: 'integer' });
    const pageSize = (document.paths['/markets']!.get as unknown as { parameters: { name: string; schema: { type: string } }[] }).parameters.find((parameter) => parameter.name === 'pageSize');
    expect(pageSize!.schema.type).toBe('integer');
    for (const [route, item] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        expect({ route, method, unavailable: operation.responses['503']?.content?.['application/json']?.schema }).toEqual({ route, method, unavailable: { $ref: '#/components/schemas/ErrorDto' } });
      }
    }
  });
});
