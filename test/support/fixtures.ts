import { join } from 'node:path';
import request from 'supertest';
import { TestApp } from './app';

/** A small realistic structure (a PLIE of the Lyon area): 5 buyers, 12 markets, 40 participants, 377 hours rows, 24 pathways. */
export const FIXTURE_DIR = join(__dirname, '..', 'fixtures', 'plie-sud-lyonnais');
export const FIXTURE_KINDS = ['buyers', 'operations', 'markets', 'companies', 'awards', 'participants', 'work_contracts', 'hours', 'plie_pathways', 'plie_steps', 'plie_annual_data'] as const;

export function importFile(testApp: TestApp, token: string, kind: string, path: string, query: Record<string, string> = {}) {
  return request(testApp.http).post(`/imports/${kind}`).query(query).set('Authorization', `Bearer ${token}`).attach('file', path);
}

export function importCsv(testApp: TestApp, token: string, kind: string, csv: string, query: Record<string, string> = {}) {
  return request(testApp.http)
    .post(`/imports/${kind}`)
    .query(query)
    .set('Authorization', `Bearer ${token}`)
    .attach('file', Buffer.from(csv, 'utf8'), { filename: `${kind}.csv`, contentType: 'text/csv' });
}

/** Imports the whole fixture structure through the real import, in the documented order. */
export async function importFixtures(testApp: TestApp, token: string): Promise<Record<string, { inserted: number }>> {
  const answers: Record<string, { inserted: number }> = {};
  for (const kind of FIXTURE_KINDS) {
    const response = await importFile(testApp, token, kind, join(FIXTURE_DIR, `${kind}.csv`));
    if (response.status !== 200) throw new Error(`fixture ${kind} refused: ${JSON.stringify(response.body)}`);
    answers[kind] = response.body;
  }
  return answers;
}
