import { JwtService } from '@nestjs/jwt';
import * as argon2 from 'argon2';
import request from 'supertest';
import { Role } from '../../src/platform/auth/roles';
import { accountWithToken, createStructure, startTestApp, TEST_PASSWORD, TestApp } from '../support/app';

describe('authentication', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startTestApp({ env: { LOGIN_RATE_LIMIT: '5', JWT_TTL_SECONDS: '600' } });
  });
  afterAll(() => testApp.close());

  it('returns a short-lived token that opens the account’s routes', async () => {
    const structure = await createStructure(testApp, 'AUTH-A');
    const { email } = await accountWithToken(testApp, Role.Facilitator, { structureRef: structure.ref });
    const login = await request(testApp.http).post('/auth/login').send({ email: email.toUpperCase(), password: TEST_PASSWORD }).expect(200);
    expect(login.body).toMatchObject({ tokenType: 'Bearer', expiresIn: 600, account: { email, role: 'FACILITATOR', structureRef: 'AUTH-A' } });
    expect(login.body.account.passwordHash).toBeUndefined();
    const me = await request(testApp.http).get('/auth/me').set('Authorization', `Bearer ${login.body.accessToken}`).expect(200);
    expect(me.body).toMatchObject({ email, role: 'FACILITATOR', structureId: structure.id });
  });

  it('stops honouring a token when it expires, even one already used', async () => {
    const { id, email } = await accountWithToken(testApp, Role.National);
    const claims = { sub: id, email, role: Role.National, structureId: null, siret: null, tv: 0 };
    const jwt = testApp.app.get(JwtService);
    // Two seconds of validity: at least one whole second, whatever the moment it is signed.
    const token = await jwt.signAsync(claims, { expiresIn: 2 });
    await request(testApp.http).get('/auth/me').set('Authorization', `Bearer ${token}`).expect(200);
    const { exp } = jwt.decode<{ exp: number }>(token);
    await new Promise((resolve) => setTimeout(resolve, exp * 1000 - Date.now() + 50));
    const expired = await request(testApp.http).get('/auth/me').set('Authorization', `Bearer ${token}`).expect(401);
    expect(expired.body.message).toBe('Jeton invalide ou expiré : reconnectez-vous');
    // The same claims signed with another key are refused too.
    const forged = await new JwtService({ secret: 'another secret, another secret, another' }).signAsync(claims);
    await request(testApp.http).get('/auth/me').set('Authorization', `Bearer ${forged}`).expect(401);
  });

  it('refuses a token without expiry, one signed with another algorithm, and one without the account’s version', async () => {
    const { id, email } = await accountWithToken(testApp, Role.National);
    const claims = { sub: id, email, role: Role.National, structureId: null, siret: null, tv: 0 };
    const jwt = testApp.app.get(JwtService);
    await request(testApp.http).get('/auth/me').set('Authorization', `Bearer ${await jwt.signAsync(claims, { expiresIn: 60 })}`).expect(200);
    const { tv: _tv, ...withoutVersion } = claims;
    // The service's own key, without its default lifetime.
    const sameKey = new JwtService({ secret: (jwt as unknown as { options: { secret: string } }).options.secret });
    const refused = [
      await sameKey.signAsync(claims),
      await jwt.signAsync(claims, { expiresIn: 60, algorithm: 'HS512' }),
      await jwt.signAsync(withoutVersion, { expiresIn: 60 }),
    ];
    for (const token of refused) {
      const answer = await request(testApp.http).get('/auth/me').set('Authorization', `Bearer ${token}`).expect(401);
      expect(answer.body.message).toBe('Jeton invalide ou expiré : reconnectez-vous');
    }
  });

  it('ends the sessions of an account at once when its password changes or it is deactivated', async () => {
    const admin = await accountWithToken(testApp, Role.Admin);
    const patch = (id: string, body: object) => request(testApp.http).patch(`/users/${id}`).set('Authorization', `Bearer ${admin.token}`).send(body).expect(200);
    const me = (token: string) => request(testApp.http).get('/auth/me').set('Authorization', `Bearer ${token}`);

    const changed = await accountWithToken(testApp, Role.National);
    await me(changed.token).expect(200);
    await patch(changed.id, { password: 'Un autre mot de passe, bien long' });
    const ended = await me(changed.token).expect(401);
    expect(ended.body.message).toBe('Session terminée (mot de passe changé ou compte désactivé) : reconnectez-vous');
    const again = await request(testApp.http).post('/auth/login').send({ email: changed.email, password: 'Un autre mot de passe, bien long' }).expect(200);
    await me(again.body.accessToken).expect(200);

    const deactivated = await accountWithToken(testApp, Role.National);
    await me(deactivated.token).expect(200);
    await patch(deactivated.id, { active: false });
    await me(deactivated.token).expect(401);
    // Reactivated, the account needs a new login: the tokens of before stay ended.
    await patch(deactivated.id, { active: true });
    await me(deactivated.token).expect(401);
  });

  it('refuses a wrong password, an unknown e-mail and a deactivated account with the same answer', async () => {
    const { email, id } = await accountWithToken(testApp, Role.National);
    const admin = await accountWithToken(testApp, Role.Admin);
    const wrong = await request(testApp.http).post('/auth/login').send({ email, password: 'not the password' });
    const unknown = await request(testApp.http).post('/auth/login').send({ email: 'nobody@test.fr', password: TEST_PASSWORD });
    await request(testApp.http).patch(`/users/${id}`).set('Authorization', `Bearer ${admin.token}`).send({ active: false }).expect(200);
    const inactive = await request(testApp.http).post('/auth/login').send({ email, password: TEST_PASSWORD });
    for (const response of [wrong, unknown, inactive]) {
      expect(response.status).toBe(401);
      expect(response.body).toMatchObject({ code: 'UNAUTHENTICATED', message: 'Identifiant ou mot de passe incorrect' });
    }
  });

  it('stores passwords hashed with argon2id at 19 MiB, and rehashes a password stored with older parameters at login', async () => {
    const { id, email } = await accountWithToken(testApp, Role.National);
    const storedHash = async () =>
      ((await testApp.dataSource.query('SELECT password_hash FROM user_account WHERE id = $1', [id])) as { password_hash: string }[])[0]!.password_hash;
    expect(await storedHash()).toMatch(/^\$argon2id\$v=19\$m=19456,p=1,t=2\$/);
    expect(await storedHash()).not.toContain(TEST_PASSWORD);

    // An account from before: hashed with the library's former default (64 MiB, 3 passes, 4 lanes).
    await testApp.dataSource.query('UPDATE user_account SET password_hash = $2 WHERE id = $1', [id, await argon2.hash(TEST_PASSWORD, { type: argon2.argon2id })]);
    expect(await storedHash()).toMatch(/\$m=65536,p=4,t=3\$/);
    await request(testApp.http).post('/auth/login').send({ email, password: 'wrong password' }).expect(401);
    expect(await storedHash()).toMatch(/\$m=65536,p=4,t=3\$/);
    await request(testApp.http).post('/auth/login').send({ email, password: TEST_PASSWORD }).expect(200);
    expect(await storedHash()).toMatch(/\$m=19456,p=1,t=2\$/);
    await request(testApp.http).post('/auth/login').send({ email, password: TEST_PASSWORD }).expect(200);
  });

  it('limits login attempts per address and e-mail', async () => {
    const attempt = (email: string) => request(testApp.http).post('/auth/login').send({ email, password: 'wrong password' });
    for (let index = 0; index < 5; index += 1) expect((await attempt('target@test.fr')).status).toBe(401);
    const blocked = await attempt('target@test.fr');
    expect(blocked.status).toBe(429);
    expect(blocked.body.message).toBe('Trop de tentatives : réessayez dans une minute');
    // Another e-mail from the same address is still heard.
    expect((await attempt('someone-else@test.fr')).status).toBe(401);
  });

  it('limits login attempts per address across e-mails', async () => {
    const guarded = await startTestApp({ env: { LOGIN_RATE_LIMIT: '5', LOGIN_ADDRESS_RATE_LIMIT: '8' } });
    try {
      const attempt = (index: number) => request(guarded.http).post('/auth/login').send({ email: `someone-${index}@test.fr`, password: 'wrong password' });
      for (let index = 0; index < 8; index += 1) expect((await attempt(index)).status).toBe(401);
      const blocked = await attempt(8);
      expect(blocked.status).toBe(429);
      expect(blocked.body.message).toBe('Trop de tentatives : réessayez dans une minute');
    } finally {
      await guarded.close();
    }
  });

  it('answers 400 in French, per field, to a malformed login', async () => {
    const response = await request(testApp.http).post('/auth/login').send({ email: 'not-an-email', extra: true }).expect(400);
    expect(response.body.erreurs).toEqual(
      expect.arrayContaining([
        { champ: 'email', message: 'doit être une adresse e-mail valide' },
        { champ: 'password', message: 'est obligatoire' },
        { champ: 'extra', message: 'champ inconnu : il n’est pas attendu ici' },
      ]),
    );
  });
});
