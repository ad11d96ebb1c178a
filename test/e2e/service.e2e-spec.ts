import request from 'supertest';
import { startTestApp, TestApp } from '../support/app';

describe('service basics', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startTestApp();
  });
  afterAll(() => testApp.close());

  it('reports the database and the queue backend on /health', async () => {
    const response = await request(testApp.http).get('/health').expect(200);
    expect(response.body).toEqual({ status: 'ok', database: { status: 'up' }, queue: { backend: 'redis', status: 'up' } });
  });

  it('serves the OpenAPI documentation, in French', async () => {
    await request(testApp.http).get('/api/docs').expect(200).expect('content-type', /html/);
    const document = await request(testApp.http).get('/api/docs-json').expect(200);
    expect(document.body.info.title).toBe('Clause Tracker — API');
    expect(document.body.paths['/structures'].get.summary).toBe('Lister les structures');
    expect(document.body.paths['/auth/login'].post.summary).toBe('Se connecter');
  });

  it('sends security headers and a request id, echoing a valid one it was given', async () => {
    const response = await request(testApp.http).get('/health').set('X-Request-Id', 'abc-123');
    expect(response.headers['x-request-id']).toBe('abc-123');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    expect(response.headers['x-powered-by']).toBeUndefined();
    const generated = await request(testApp.http).get('/health').set('X-Request-Id', 'bad id with spaces');
    expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('asks browsers and proxies to keep no copy of its answers, errors included', async () => {
    expect((await request(testApp.http).get('/health')).headers['cache-control']).toBe('no-store');
    expect((await request(testApp.http).get('/participants')).headers['cache-control']).toBe('no-store');
    expect((await request(testApp.http).post('/auth/login').send({ email: 'x@y.fr', password: 'nope' })).headers['cache-control']).toBe('no-store');
  });

  it('answers an unknown route with a French 404 and malformed JSON with a 400, never a stack trace', async () => {
    const missing = await request(testApp.http).get('/nowhere').expect(404);
    expect(missing.body).toMatchObject({ statusCode: 404, code: 'NOT_FOUND', message: 'Ressource introuvable' });
    const malformed = await request(testApp.http).post('/auth/login').set('Content-Type', 'application/json').send('{"email":').expect(400);
    expect(malformed.body).toMatchObject({ statusCode: 400, code: 'BAD_REQUEST', message: 'Requête mal formée' });
    for (const body of [missing.body, malformed.body]) expect(JSON.stringify(body)).not.toMatch(/at .*\.(js|ts):\d+/);
    // The error names its request, as the logs do.
    for (const response of [missing, malformed]) expect(response.body.requestId).toBe(response.headers['x-request-id']);
  });
});
