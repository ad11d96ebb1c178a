import request from 'supertest';
import { Role } from '../../src/platform/auth/roles';
import { accountWithToken, createStructure, startTestApp, TestApp } from '../support/app';
import { importCsv } from '../support/fixtures';

const BUYER_SIRET = '21690259000126';
const COMPANY_SIRET = '43210987000118';
const YEAR = 2024;
const ROUNDS = 24;

type Row = Record<string, unknown>;

/**
 * Concurrent writes to the same hours entry, as users make them: the rules and the audit trail must hold whatever the
 * interleaving, so each race is run many times.
 */
describe('hours written concurrently', () => {
  let testApp: TestApp;
  let facilitator: string;
  let company: string;
  let contractId: string;

  const post = (token: string, path: string, body: object) => request(testApp.http).post(path).set('Authorization', `Bearer ${token}`).send(body);
  const month = (index: number) => `${YEAR + Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;

  async function entry(monthText: string): Promise<Row> {
    const rows: { row: Row }[] = await testApp.dataSource.query(
      `SELECT to_jsonb(h) - 'id' - 'structure_id' - 'created_at' - 'updated_at' - 'created_by_import' AS row
         FROM hours_entry h JOIN work_contract wc ON wc.id = h.work_contract_id WHERE wc.id = $1 AND h.month = ($2 || '-01')::date`,
      [contractId, monthText],
    );
    return rows[0]!.row;
  }

  /**
   * Replays an entry's audit trail, checking that each change starts from the values the previous left. An entry an
   * import created has no creation row (its trail starts with the import record): a field's first old value is then
   * taken as what the import wrote, and every later change must start from the one before.
   */
  async function replayAudit(monthText: string): Promise<{ state: Row; trail: { action: string; changes: Row }[] }> {
    const trail: { action: string; changes: Row }[] = await testApp.dataSource.query(
      `SELECT a.action, a.changes FROM audit_entry a JOIN hours_entry h ON h.id = a.entity_id
        WHERE a.entity = 'hours' AND h.work_contract_id = $1 AND h.month = ($2 || '-01')::date ORDER BY a.id`,
      [contractId, monthText],
    );
    const [{ imported }]: { imported: Row | null }[] = await testApp.dataSource.query(
      `SELECT CASE WHEN h.created_by_import IS NULL THEN NULL ELSE to_jsonb(h) - 'id' - 'structure_id' - 'created_at' - 'updated_at' - 'created_by_import' END AS imported
         FROM hours_entry h WHERE h.work_contract_id = $1 AND h.month = ($2 || '-01')::date`,
      [contractId, monthText],
    );
    let state: Row = imported ? { ...imported } : {};
    const seen = new Set<string>();
    for (const [index, step] of trail.entries()) {
      if (step.action === 'CREATE') {
        expect({ index, imported: imported !== null }).toEqual({ index: 0, imported: false });
        state = { ...step.changes };
        continue;
      }
      for (const [field, change] of Object.entries(step.changes as Record<string, { old: unknown; new: unknown }>)) {
        if (imported && !seen.has(field)) state[field] = change.old;
        seen.add(field);
        expect({ step: index, field, value: state[field] ?? null }).toEqual({ step: index, field, value: change.old });
        state[field] = change.new;
      }
    }
    return { state, trail };
  }

  const withoutNulls = (row: Row) => Object.fromEntries(Object.entries(row).filter(([, value]) => value !== null));

  beforeAll(async () => {
    testApp = await startTestApp();
    const structure = await createStructure(testApp, 'PLIE-RACE');
    facilitator = (await accountWithToken(testApp, Role.Facilitator, { structureRef: structure.ref })).token;
    company = (await accountWithToken(testApp, Role.Company, { siret: COMPANY_SIRET })).token;
    await post(facilitator, '/buyers', { ref: 'VEN', name: 'Ville de Vénissieux', kind: 'MUNICIPALITY', siret: BUYER_SIRET }).expect(201);
    await post(facilitator, '/markets', {
      ref: 'M-RACE', buyerRef: 'VEN', title: 'Entretien des espaces verts', legalBasis: 'EXECUTION_CONDITION', sector: 'GREEN_SPACES',
      hoursObjective: '5000', startDate: `${YEAR}-01-01`, endDate: `${YEAR + 2}-12-31`,
    }).expect(201);
    await post(facilitator, '/companies', { siret: COMPANY_SIRET, name: 'Jardins du Rhône', kind: 'ORDINARY', nafCode: '8130Z', sizeBand: '10-49' }).expect(201);
    await post(facilitator, '/awards', { marketRef: 'M-RACE', companySiret: COMPANY_SIRET, role: 'HOLDER' }).expect(201);
    await post(facilitator, '/participants', {
      ref: 'P-RACE', lastName: 'Martin', firstName: 'Léa', birthDate: '1988-02-01', gender: 'F', postcode: '69200',
      publics: ['RSA'], prescriber: 'PLIE', eligibilityValidatedOn: `${YEAR}-01-02`,
    }).expect(201);
    const contract = await post(facilitator, '/work-contracts', {
      ref: 'CT-RACE', participantRef: 'P-RACE', employerSiret: COMPANY_SIRET, marketRef: 'M-RACE', kind: 'CDI', mode: 'DIRECT_HIRE',
      jobTitle: 'Jardinière', startDate: `${YEAR}-01-02`, endDate: `${YEAR + 2}-12-31`,
    }).expect(201);
    contractId = contract.body.id;
  });
  afterAll(() => testApp.close());

  it('never lets a company’s declaration replace hours the facilitator validated, whichever commits first', async () => {
    for (let round = 0; round < ROUNDS; round += 1) {
      const when = month(round);
      const [validated, declared] = await Promise.all([
        post(facilitator, '/hours', { workContractRef: 'CT-RACE', month: when, hoursWorked: '100' }),
        post(company, `/work-contracts/${contractId}/hours`, { month: when, hoursWorked: '50' }),
      ]);
      expect([200, 201]).toContain(validated.status);
      // The declaration either came first (and was then validated over) or was refused.
      expect([201, 409]).toContain(declared.status);
      if (declared.status === 409) expect(declared.body.message).toMatch(/déjà validées/);
      expect(await entry(when)).toMatchObject({ status: 'VALIDATED', hours_worked: 100 });
      const { state, trail } = await replayAudit(when);
      expect(trail.some((step) => (step.changes.status as { old?: string } | undefined)?.old === 'VALIDATED')).toBe(false);
      expect(withoutNulls(state)).toEqual(withoutNulls(await entry(when)));
    }
  });

  it('records in the audit trail the value each of 20 concurrent writes really replaced', async () => {
    const when = month(30);
    await post(facilitator, '/hours', { workContractRef: 'CT-RACE', month: when, hoursWorked: '10' }).expect(201);
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, index) => post(facilitator, '/hours', { workContractRef: 'CT-RACE', month: when, hoursWorked: String(100 + index) })),
    );
    expect(answers.map((answer) => answer.status).every((status) => status === 200)).toBe(true);
    const { state, trail } = await replayAudit(when);
    expect(trail.filter((step) => step.action === 'UPDATE')).toHaveLength(20);
    expect(withoutNulls(state)).toEqual(withoutNulls(await entry(when)));
  });

  it('keeps a trail that replays to the stored values when two imports of the same entries overlap', async () => {
    const months = [31, 32, 33, 34, 35].map(month);
    const file = (hours: string) => ['work_contract_ref;month;hours_worked;training_hours', ...months.map((when) => `CT-RACE;${when};${hours};`)].join('\n');
    for (let round = 0; round < 4; round += 1) {
      const answers = await Promise.all([file(`${60 + round},5`), file(`${70 + round}`)].map((csv) => importCsv(testApp, facilitator, 'hours', csv)));
      expect(answers.map((answer) => answer.status)).toEqual([200, 200]);
    }
    for (const when of months) {
      const { state } = await replayAudit(when);
      expect(withoutNulls(state)).toEqual(withoutNulls(await entry(when)));
    }
  });
});
