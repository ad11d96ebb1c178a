import { INestApplicationContext } from '@nestjs/common';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { COMMAND_LINE, ConsolidationService } from '../../src/modules/consolidation/consolidation.service';
import type { ConsolidationReport, Table1Row } from '../../src/modules/consolidation/consolidation.rules';
import { ImportsService } from '../../src/modules/imports/imports.service';
import { createStructure, startTestContext } from '../support/app';
import { waitFor } from '../support/wait';

const BUYER_X = '21690123100011';
const COMPANY_1 = '73282932000074';
const COMPANY_2 = '82345678000811';
const COMPANY_3 = '40483304800022';

/**
 * Two structures built so that each edge of the definitions shows in the figures: a contract across 2016 and 2017,
 * a person in several publics, a market without operation, a market split into lots, the same company and the same
 * buyer (by SIRET) in both structures, a buyer without SIRET in each, training hours a market does not count,
 * declared hours not yet validated, pathways closed before 2017, opened after it, and one exit of each kind.
 */
const STRUCTURE_A: Record<string, string> = {
  buyers: `ref,name,kind,siret\nBA1,Ville X,MUNICIPALITY,${BUYER_X}\nBA2,Office HLM,SOCIAL_LANDLORD,\n`,
  operations: 'ref,buyer_ref,name\nOA1,BA1,Groupe scolaire\n',
  markets: [
    'ref,buyer_ref,operation_ref,title,legal_basis,sector,hours_objective,training_counts,start_date,end_date',
    'MA1,BA1,OA1,Gros oeuvre,EXECUTION_CONDITION,BUILDING,500,oui,2016-06-01,2017-12-31',
    'MA2,BA2,,Nettoyage,RESERVED_SIAE,CLEANING,300,non,2017-01-01,2017-12-31',
    'MA3,BA1,,Voirie 2016,EXECUTION_CONDITION,PUBLIC_WORKS,200,oui,2015-01-01,2016-12-31',
  ].join('\n'),
  companies: `siret,name,kind\n${COMPANY_1},Bâtisseurs,ORDINARY\n${COMPANY_2},Insertion Propre,EI\n`,
  awards: `market_ref,company_siret,role\nMA1,${COMPANY_1},HOLDER\nMA2,${COMPANY_2},HOLDER\nMA3,${COMPANY_1},HOLDER\n`,
  participants: [
    'ref,birth_date,gender,qpv_resident,qualification_level,publics,other_public_reason,prescriber,eligibility_validated_on',
    'PA1,1995-03-01,F,oui,V,RSA|QPV_RESIDENT|YOUTH_LOW_QUALIFIED,,MISSION_LOCALE,2016-01-01',
    'PA2,1960-01-01,M,non,IV,LONG_TERM_UNEMPLOYED|SENIOR_50,,FRANCE_TRAVAIL,2016-01-01',
    'PA3,1980-01-01,M,non,,OTHER,Sortie de détention,,2015-12-01',
    ...['PL1,1990-05-01,M', 'PL2,1970-01-01,F', 'PL3,2000-01-01,F', 'PL4,1950-01-01,M', 'PL5,1985-01-01,M', 'PL6,1985-01-01,F', 'PL7,1985-01-01,F'].map(
      (person) => `${person},non,V,OTHER,Suivi PLIE,PLIE,`,
    ),
  ].join('\n'),
  work_contracts: [
    'ref,participant_ref,employer_siret,market_ref,kind,mode,start_date,end_date',
    `CA1,PA1,${COMPANY_1},MA1,CDD,DIRECT_HIRE,2016-10-01,2017-03-31`,
    `CA2,PA2,${COMPANY_2},MA2,CDDI,DIRECT_HIRE,2017-02-01,2017-06-30`,
    `CA3,PA1,${COMPANY_2},MA2,CDDI,DIRECT_HIRE,2017-09-01,2017-12-31`,
    `CA4,PA3,${COMPANY_1},MA3,CDI,DIRECT_HIRE,2016-01-01,2016-06-30`,
  ].join('\n'),
  hours: [
    'work_contract_ref,month,hours_worked,training_hours',
    'CA1,2016-10,100,', 'CA1,2016-11,100,', 'CA1,2017-01,50,', 'CA1,2017-02,60.5,10',
    'CA2,2017-02,70,20', 'CA2,2017-03,80,', 'CA3,2017-09,30.25,', 'CA4,2016-03,40,',
  ].join('\n'),
  plie_pathways: [
    'participant_ref,entry_date,exit_date,exit_kind,registered_job_seeker,long_term_unemployed,rsa,disabled,inactivity',
    'PL1,2016-03-01,2017-05-31,EMPLOYMENT,oui,oui,non,non,UNDER_1_YEAR',
    'PL2,2017-02-01,2017-11-30,TRAINING,oui,non,oui,non,NEVER_WORKED',
    'PL3,2017-04-01,,,oui,oui,non,oui,',
    'PL4,2015-01-01,2017-03-31,MOVED_DIED_RETIRED,non,non,non,non,OVER_5_YEARS',
    'PL5,2014-01-01,2016-12-31,DROPOUT,oui,non,non,non,',
    'PL6,2018-01-15,,,oui,non,non,non,',
    'PL7,2016-01-01,2017-01-01,DROPOUT,oui,non,oui,non,',
  ].join('\n'),
  plie_steps: [
    'participant_ref,kind,start_date,end_date',
    'PL2,MOBILISATION,2017-02-10,', 'PL3,TRAINING_QUALIFYING,2017-05-01,2017-06-30', 'PL1,EXIT_JOB,2016-06-01,2016-12-31', 'PL1,EMPLOYMENT_MEDIATION,2017-01-10,',
  ].join('\n'),
};

const STRUCTURE_B: Record<string, string> = {
  buyers: `ref,name,kind,siret\nBB1,Ville X,MUNICIPALITY,${BUYER_X}\nBB2,SEM locale,SEM,\n`,
  markets: [
    'ref,buyer_ref,operation_ref,title,legal_basis,sector,hours_objective,training_counts,start_date,end_date',
    'MB1,BB1,,Réhabilitation (alloti),EXECUTION_CONDITION,BUILDING,800,oui,2017-03-01,2018-12-31',
    'MB2,BB2,,Espaces verts,AWARD_CRITERION,GREEN_SPACES,100,oui,2017-01-01,2017-12-31',
    'MB3,BB1,,Lot 1 menuiseries,EXECUTION_CONDITION,BUILDING,300,oui,2017-03-01,2018-12-31',
  ].join('\n'),
  companies: `siret,name,kind\n${COMPANY_1},Bâtisseurs,ORDINARY\n${COMPANY_3},Jardins du Rhône,ORDINARY\n`,
  awards: `market_ref,company_siret,role\nMB1,${COMPANY_1},HOLDER\nMB2,${COMPANY_3},HOLDER\nMB3,${COMPANY_3},HOLDER\n`,
  participants: 'ref,birth_date,gender,publics,eligibility_validated_on\nPB1,1990-01-01,F,RSA,2017-01-01\n',
  work_contracts: `ref,participant_ref,employer_siret,market_ref,kind,mode,start_date,end_date\nCB1,PB1,${COMPANY_1},MB1,CDD,DIRECT_HIRE,2017-03-01,2017-04-30\n`,
  hours: 'work_contract_ref,month,hours_worked\nCB1,2017-03,20\nCB1,2017-04,15\n',
};

describe('yearly consolidation computed by the workers', () => {
  let context: INestApplicationContext;
  let close: () => Promise<void>;
  let dataSource: DataSource;
  let consolidations: ConsolidationService;
  let databaseUrl: string;
  const directory = mkdtempSync(join(tmpdir(), 'ct-consolidation-'));

  async function load(structureRef: string, files: Record<string, string>): Promise<void> {
    for (const [kind, csv] of Object.entries(files)) {
      const path = join(directory, `${structureRef}-${kind}.csv`);
      writeFileSync(path, csv);
      const answer = await context.get(ImportsService).run(kind, path, { scope: { kind: 'all' }, actor: { id: null, label: 'test' } }, structureRef);
      if ('errors' in answer) throw new Error(`${kind}: ${JSON.stringify(answer.errors)}`);
    }
  }

  /** Requests a consolidation and waits for the workers to finish it. */
  async function consolidate(scope: { kind: 'national' | 'structure' | 'buyer'; ref?: string | null }, year = 2017) {
    const { id } = await consolidations.request(COMMAND_LINE, { year, scope });
    await waitFor(() => consolidations.get(COMMAND_LINE, id), (status) => status.status === 'DONE' || status.status === 'FAILED', 30_000);
    const status = await consolidations.get(COMMAND_LINE, id);
    expect(status.status).toBe('DONE');
    return { status, report: await consolidations.report(COMMAND_LINE, id) };
  }

  const table1 = (report: ConsolidationReport, group: string, category: string): Table1Row => report.plie!.table1.find((row) => row.group === group && row.category === category)!;
  const breakdown = (report: ConsolidationReport, name: keyof ConsolidationReport['clause']['breakdowns'], key: string) =>
    report.clause.breakdowns[name].find((row) => row.key === key)!;

  beforeAll(async () => {
    const started = await startTestContext({ runWorkers: true });
    ({ context, close } = started);
    databaseUrl = started.database.url;
    dataSource = context.get(DataSource);
    consolidations = context.get(ConsolidationService);
    await createStructure(context, 'EDGE-A');
    await createStructure(context, 'EDGE-B');
    await load('EDGE-A', STRUCTURE_A);
    await load('EDGE-B', STRUCTURE_B);
    // MB3 is a lot of MB1 (same buyer, inside its period): the lot counts as a market, the market split into lots does not.
    await dataSource.query(`UPDATE market SET parent_market_id = (SELECT id FROM market WHERE ref = 'MB1') WHERE ref = 'MB3'`);
    // Hours declared by the company and not yet validated do not count.
    await dataSource.query(`UPDATE hours_entry SET status = 'DECLARED' WHERE month = '2017-04-01' AND work_contract_id = (SELECT id FROM work_contract WHERE ref = 'CB1')`);
  }, 60_000);

  afterAll(() => close());

  it('counts the national headline by the definitions, with last year and the change', async () => {
    const { report } = await consolidate({ kind: 'national' });
    const { headline } = report.clause;
    // 2017: CA1's 2017 months (50 + 60.5 + 10 training), CA2 without the training its market does not count (70 + 80),
    // CA3 30.25, CB1's validated month 20. 2016: CA1's 2016 months and CA4.
    expect(headline.insertionHours).toEqual({ value: 320.75, previous: 240, changePct: 33.65 });
    expect(headline.workContracts).toEqual({ value: 4, previous: 2, changePct: 100 });
    expect(headline.participants).toEqual({ value: 3, previous: 2, changePct: 50 });
    // MA1, MA2, MB2 and the lot MB3; not MB1 (split into lots) nor MA3 (ended in 2016).
    expect(headline.markets.value).toBe(4);
    // Ville X once (same SIRET in both structures), each buyer without SIRET once per structure.
    expect(headline.buyers).toEqual({ value: 3, previous: 1, changePct: 200 });
    expect(headline.operations).toEqual({ value: 1, previous: 1, changePct: 0 });
    // The same company in two structures counts once nationally.
    expect(headline.companies).toEqual({ value: 3, previous: 1, changePct: 200 });
    expect(report.reportingStructures.map((structure) => structure.ref)).toEqual(['EDGE-A', 'EDGE-B']);
  });

  it('breaks the year down: a person in several publics counts in each, months split a contract across years', async () => {
    const { report } = await consolidate({ kind: 'national' });
    expect(breakdown(report, 'public', 'RSA')).toMatchObject({ participants: 2, workContracts: 3, insertionHours: 170.75 });
    expect(breakdown(report, 'public', 'YOUTH_LOW_QUALIFIED')).toMatchObject({ participants: 1, workContracts: 2, insertionHours: 150.75 });
    expect(breakdown(report, 'public', 'DISABLED')).toMatchObject({ participants: 0, workContracts: 0, insertionHours: 0 });
    expect(breakdown(report, 'gender', 'F')).toMatchObject({ participants: 2, insertionHours: 170.75, participantsSharePct: 66.7, insertionHoursSharePct: 53.2 });
    expect(breakdown(report, 'ageBand', 'UNDER_26')).toMatchObject({ participants: 1, workContracts: 2 });
    expect(breakdown(report, 'ageBand', '50_AND_OVER')).toMatchObject({ participants: 1, workContracts: 1, insertionHours: 150 });
    expect(breakdown(report, 'sector', 'CLEANING')).toMatchObject({ workContracts: 2, insertionHours: 180.25 });
    expect(breakdown(report, 'buyerKind', 'MUNICIPALITY')).toMatchObject({ participants: 2, workContracts: 2, insertionHours: 140.5 });
    expect(breakdown(report, 'month', '2017-01')).toMatchObject({ participants: 1, workContracts: 1, insertionHours: 50 });
    expect(breakdown(report, 'month', '2017-02')).toMatchObject({ participants: 2, workContracts: 2, insertionHours: 140.5 });
    expect(report.clause.breakdowns.month).toHaveLength(12);
    expect(breakdown(report, 'prescriber', 'NOT_STATED')).toMatchObject({ participants: 1 });
  });

  it('computes PLIE Table 1 flows: carried over, entries, exits of each kind, pathways outside the year left out', async () => {
    const { report } = await consolidate({ kind: 'structure', ref: 'EDGE-A' });
    expect(table1(report, 'all', 'total')).toEqual({
      group: 'all', category: 'total', entries: 2, inPathway: 5, carriedOver: 3, positiveExits: 2, positiveExitsEmployment: 1, positiveExitsTraining: 1,
      exitsWithoutFollowUp: 2, dropouts: 1, movedDiedRetired: 1, otherExits: 0, positiveExitRatePct: 50, positiveExitRateExclMovesPct: 66.7,
      positiveExitsPerEntryPct: 100, stillInPathwayAtYearEnd: 1,
    });
    expect(table1(report, 'gender', 'men')).toMatchObject({ entries: 0, inPathway: 2, positiveExits: 1, movedDiedRetired: 1, positiveExitsPerEntryPct: null });
    expect(table1(report, 'age_band', '65_plus')).toMatchObject({ inPathway: 1 });
    expect(table1(report, 'public', 'rsa_recipients')).toMatchObject({ inPathway: 2, entries: 1 });
    expect(table1(report, 'public', 'rsa_recipients_registered')).toMatchObject({ inPathway: 2 });
    expect(table1(report, 'public', 'long_term_unemployed')).toMatchObject({ inPathway: 2 });
    expect(table1(report, 'public', 'other_disadvantaged')).toMatchObject({ inPathway: 1 });
    expect(table1(report, 'public', 'disabled_workers')).toMatchObject({ inPathway: 1, entries: 1 });
    expect(table1(report, 'inactivity', 'never_worked')).toMatchObject({ entries: 1, positiveExitsTraining: 1 });
    expect(table1(report, 'level', 'I')).toMatchObject({ inPathway: 0, positiveExitRatePct: null });
    expect(report.plie!.table1).toHaveLength(32);
    // Steps running in 2017 of the people in pathway: not PL1's exit job that ended in 2016.
    expect(report.plie!.table2[0]).toEqual({ stepKind: 'ALL', total: 3, men: 1, women: 2, meanPerParticipant: 0.6 });
    // Exited in 2017: PL1 456 days, PL2 302, PL4 820, PL7 366 → 486 days ÷ 30.4375.
    expect(report.plie!.table3.find((row) => row.exitKind === 'all_exits' && row.category === 'total')).toEqual({ exitKind: 'all_exits', category: 'total', pathways: 4, meanMonths: 15.97 });
    expect(report.plie!.table3.find((row) => row.exitKind === 'positive_exits' && row.category === 'men')).toMatchObject({ pathways: 1 });
  });

  it('gives a buyer its markets in every structure, clause part only, cells of 1 to 4 people masked', async () => {
    const { report } = await consolidate({ kind: 'buyer', ref: BUYER_X });
    expect(report.plie).toBeUndefined();
    expect(report.clause.headline.insertionHours.value).toBe(140.5);
    expect(report.clause.headline.markets.value).toBe(2);
    expect(report.clause.headline.buyers.value).toBe(1);
    expect(report.clause.headline.participants.value).toBeNull();
    expect(breakdown(report, 'gender', 'F')).toMatchObject({ participants: null, workContracts: null, insertionHours: null });
    expect(breakdown(report, 'gender', 'M')).toMatchObject({ participants: 0 });
    expect(report.reportingStructures.map((structure) => structure.ref)).toEqual(['EDGE-A', 'EDGE-B']);
  });

  it('says when the data did not change, lists the figures that did, and never alters a snapshot', async () => {
    const first = await consolidate({ kind: 'structure', ref: 'EDGE-B' });
    const again = await consolidate({ kind: 'structure', ref: 'EDGE-B' });
    expect(again.status).toMatchObject({ previousSnapshotId: first.status.id, sameDataAsPrevious: true, sameFiguresAsPrevious: true });
    expect(again.status.summary).toContain('données inchangées');
    // The list says it too, not only the snapshot read alone.
    const listed = await consolidations.list(COMMAND_LINE, { page: 1, pageSize: 50, scope: 'structure' } as never);
    expect(listed.items.find((item) => item.id === again.status.id)).toMatchObject({ sameDataAsPrevious: true, sameFiguresAsPrevious: true });
    await dataSource.query(`UPDATE hours_entry SET status = 'VALIDATED' WHERE status = 'DECLARED'`);
    const changed = await consolidate({ kind: 'structure', ref: 'EDGE-B' });
    expect(changed.status.sameDataAsPrevious).toBe(false);
    const diff = await consolidations.diff(COMMAND_LINE, again.status.id, changed.status.id);
    expect(diff.sameData).toBe(false);
    expect(diff.changes).toEqual(expect.arrayContaining([
      { figure: 'clause.headline.insertionHours.value', before: 20, after: 35 },
      { figure: 'clause.breakdowns.month.2017-04.insertionHours', before: 0, after: 15 },
    ]));
    expect(diff.changes.every((change) => change.before !== change.after)).toBe(true);
    await expect(dataSource.query(`UPDATE consolidation SET report = '{}' WHERE id = $1`, [first.status.id])).rejects.toThrow(/immutable/);
    await expect(dataSource.query(`DELETE FROM consolidation WHERE id = $1`, [first.status.id])).rejects.toThrow(/immutable/);
  });

  it('tells a correction of data it reads from a change of figures', async () => {
    const before = await consolidate({ kind: 'structure', ref: 'EDGE-B' });
    // A birth date corrected by a day, in the middle of the person's age band: read, but no figure moves.
    await dataSource.query(
      `UPDATE participant SET birth_date = birth_date - 1 WHERE id = (
         SELECT wc.participant_id FROM work_contract wc JOIN structure s ON s.id = wc.structure_id
         WHERE s.ref = 'EDGE-B' AND wc.start_date <= '2017-12-31' AND (wc.end_date IS NULL OR wc.end_date >= '2017-01-01') ORDER BY wc.ref LIMIT 1)`,
    );
    const corrected = await consolidate({ kind: 'structure', ref: 'EDGE-B' });
    expect(corrected.status).toMatchObject({ previousSnapshotId: before.status.id, sameDataAsPrevious: false, sameFiguresAsPrevious: true });
    expect(corrected.status.summary).toContain('données modifiées');
    expect(corrected.status.summary).toContain('mais chiffres identiques');

    // A PLIE step lengthened within the year: Table 2 counts it the same, but it is data the run reads.
    const plieBefore = await consolidate({ kind: 'structure', ref: 'EDGE-A' });
    await dataSource.query(`UPDATE plie_step SET end_date = '2017-07-31' WHERE kind = 'TRAINING_QUALIFYING' AND end_date = '2017-06-30'`);
    const plieCorrected = await consolidate({ kind: 'structure', ref: 'EDGE-A' });
    expect(plieCorrected.status).toMatchObject({ previousSnapshotId: plieBefore.status.id, sameDataAsPrevious: false, sameFiguresAsPrevious: true });
  });

  it('retries a run whose worker lost its connection in the middle, and stores the same figures once', async () => {
    const reference = await consolidate({ kind: 'structure', ref: 'EDGE-A' });
    const blocker = new Client({ connectionString: databaseUrl });
    await blocker.connect();
    try {
      // Table 2 and the fingerprint read the steps: the PLIE lane stops there until the lock is released.
      await blocker.query('BEGIN');
      await blocker.query('LOCK TABLE plie_step IN ACCESS EXCLUSIVE MODE');
      const { id } = await consolidations.request(COMMAND_LINE, { year: 2017, scope: { kind: 'structure', ref: 'EDGE-A' } });
      // (Query texts are cut at 1 kB in pg_stat_activity: the lock wait itself identifies the run's session.)
      const waiting = () => blocker.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database() AND pid <> pg_backend_pid()`);
      await waitFor(waiting, (result) => result.rows[0].n > 0, 20_000);
      // The clause lane goes on while the PLIE lane waits: the run is well past its start when it is cut.
      await waitFor(() => consolidations.get(COMMAND_LINE, id), (status) => status.progress >= 40, 20_000);
      const halfway = await consolidations.get(COMMAND_LINE, id);
      expect(halfway).toMatchObject({ status: 'RUNNING', attempts: 1 });
      // The worker's database session dies, as when its process is killed.
      await blocker.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database() AND pid <> pg_backend_pid()`);
      await waitFor(() => consolidations.get(COMMAND_LINE, id), (status) => status.attempts >= 2, 20_000);
      await blocker.query('COMMIT');
      await waitFor(() => consolidations.get(COMMAND_LINE, id), (status) => status.status === 'DONE', 20_000);
      const retried = await consolidations.get(COMMAND_LINE, id);
      expect(retried).toMatchObject({ status: 'DONE', sameDataAsPrevious: true, sameFiguresAsPrevious: true, error: null });
      const report = await consolidations.report(COMMAND_LINE, id);
      expect({ ...report, snapshotId: null, generatedAt: null }).toEqual({ ...reference.report, snapshotId: null, generatedAt: null });
      const stored = await dataSource.query(`SELECT count(*)::int AS n FROM consolidation WHERE id = $1 AND status = 'DONE'`, [id]);
      expect(stored[0].n).toBe(1);
    } finally {
      await blocker.end();
    }
  }, 60_000);
  it('counts a lot in its market’s operation, even a lot recorded without one', async () => {
    // MB1 (split into lots, so not counted itself) belongs to an operation; its lot MB3 was recorded before lots took
    // their market's operation.
    await dataSource.query(
      `INSERT INTO operation (structure_id, ref, buyer_id, name) SELECT m.structure_id, 'OB1', m.buyer_id, 'Réhabilitation' FROM market m WHERE m.ref = 'MB1'`,
    );
    await dataSource.query(`UPDATE market SET operation_id = (SELECT id FROM operation WHERE ref = 'OB1') WHERE ref = 'MB1'`);
    const { report } = await consolidate({ kind: 'structure', ref: 'EDGE-B' });
    expect(report.clause.headline.operations.value).toBe(1);
  });

  it('reads rows by version: a rewrite is a change of the data read, a person’s identity is not, a lot outside the year is', async () => {
    const before = await consolidate({ kind: 'structure', ref: 'EDGE-A' });
    // A market written again with the same values: another version of a row read, the same figures.
    await dataSource.query(`UPDATE market SET title = title WHERE ref = 'MA2'`);
    const rewritten = await consolidate({ kind: 'structure', ref: 'EDGE-A' });
    expect(rewritten.status).toMatchObject({ previousSnapshotId: before.status.id, sameDataAsPrevious: false, sameFiguresAsPrevious: true });
    // A person's name is not read (only what the figures read of a participant is).
    await dataSource.query(`UPDATE participant SET first_name = 'Prénom' WHERE ref = 'PA1'`);
    const renamed = await consolidate({ kind: 'structure', ref: 'EDGE-A' });
    expect(renamed.status).toMatchObject({ previousSnapshotId: rewritten.status.id, sameDataAsPrevious: true, sameFiguresAsPrevious: true });
    // A lot of MA2 running in 2019: not a market of 2017, but MA2, now split into lots, no longer counts.
    await dataSource.query(
      `INSERT INTO market (structure_id, ref, buyer_id, parent_market_id, title, legal_basis, sector, hours_objective, start_date, end_date)
       SELECT structure_id, 'MA2-L1', buyer_id, id, 'Lot 2019', legal_basis, sector, 10, '2019-01-01', '2019-12-31' FROM market WHERE ref = 'MA2'`,
    );
    const split = await consolidate({ kind: 'structure', ref: 'EDGE-A' });
    expect(split.report.clause.headline.markets.value).toBe(renamed.report.clause.headline.markets.value! - 1);
    expect(split.status).toMatchObject({ previousSnapshotId: renamed.status.id, sameDataAsPrevious: false, sameFiguresAsPrevious: false });
  });
});
