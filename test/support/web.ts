import request from 'supertest';
import { TEST_PASSWORD, TestApp } from './app';

/** A browser's session, as supertest carries it: the session cookie and the token its forms repeat. */
export interface WebSession {
  cookie: string;
  csrf: string;
}

function cookieValue(setCookie: string[] | string | undefined, name: string): string | undefined {
  for (const line of [setCookie ?? []].flat()) {
    const match = new RegExp(`^${name}=([^;]*)`).exec(line);
    if (match) return match[1];
  }
  return undefined;
}

/** The CSRF token of the first form of a page. */
export function csrfOf(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match) throw new Error('no CSRF field on the page');
  return match[1]!;
}

/** Logs in through the login form, as a browser does (its CSRF cookie and field): the session cookie. */
export async function webSessionCookie(testApp: TestApp, email: string, password = TEST_PASSWORD): Promise<string> {
  const form = await request(testApp.http).get('/connexion').expect(200);
  const loginCsrf = cookieValue(form.headers['set-cookie'], 'ct_login_csrf')!;
  const answer = await request(testApp.http)
    .post('/connexion')
    .set('Cookie', `ct_login_csrf=${loginCsrf}`)
    .type('form')
    .send({ _csrf: csrfOf(form.text), email, password });
  if (answer.status !== 303) throw new Error(`login refused (${answer.status}): ${answer.text.slice(0, 200)}`);
  return `ct_session=${cookieValue(answer.headers['set-cookie'], 'ct_session')}`;
}

/** Logs in, then reads the session's CSRF token from a page. */
export async function webLogin(testApp: TestApp, email: string, password = TEST_PASSWORD): Promise<WebSession> {
  const cookie = await webSessionCookie(testApp, email, password);
  const account = await request(testApp.http).get('/compte').set('Cookie', cookie).expect(200);
  return { cookie, csrf: csrfOf(account.text) };
}
