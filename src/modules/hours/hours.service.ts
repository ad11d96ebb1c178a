import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { AccessScope, Principal } from '../../platform/auth/principal';
import { ConflictError, FieldProblem, ForbiddenError, InvalidError, NotFoundError } from '../../platform/http/domain-errors';
import { actorOf, RecordCrud, RecordView, scopedTo, writableStructure } from '../../platform/records/record-crud';
import { RowValues } from '../../platform/records/record-definition';
import { RecordStore, SystemValues } from '../../platform/records/record-store';
import { WriteEvents } from '../../platform/records/record-sql';
import { SqlFilters } from '../../platform/database/sql-filters';
import { FulfilmentService, recomputeEventsSql } from '../fulfilment/fulfilment.service';
import { ContractHoursDto, CorrectHoursDto, HoursListQuery, RecordHoursDto } from './dto/hours.dto';
import { HOURS, VALIDATED_BY_ACTOR } from './hours.record';
import { GridLine, HoursRepository } from './hours.repository';
import { HoursStatus } from './hours.rules';

/**
 * Hours a company declares wait for a facilitator's decision. A declaration never replaces validated hours: the
 * condition is checked by the write itself on the locked row, so a facilitator's entry committed while the
 * declaration waited is kept.
 */
const DECLARED_BY_ACTOR: SystemValues = {
  system: [
    ['status', `'DECLARED'`],
    ['declared_by', '{{actorId}}'],
    ['validated_by', 'NULL::uuid'],
    ['validated_at', 'NULL::timestamptz'],
    ['rejection_reason', 'NULL::text'],
  ],
  comparedSystem: ['status'],
  updateOnlyWhen: `t.status <> 'VALIDATED'`,
};

/** Written hours change their market's fulfilment. */
const RECOMPUTE_WRITTEN_MARKETS: WriteEvents = (merged) =>
  recomputeEventsSql(`SELECT m.structure_id, wc.market_id FROM ${merged} m JOIN work_contract wc ON wc.id = m.work_contract_id`);

const STATUS_LABELS: Record<HoursStatus, string> = { DECLARED: 'déclarées', VALIDATED: 'validées', REJECTED: 'rejetées' };

/** One cell of the monthly grid: a contract's hours for the month. */
export interface MonthCell {
  workContractId: string;
  hoursWorked: string;
  trainingHours?: string;
}

/** How a month's cells are written: whose contracts they may name, and what refuses a written cell. */
interface MonthPlan {
  contracts(manager: EntityManager, ids: string[]): Promise<Map<string, { ref: string; structureId: string }>>;
  unknown: string;
  system: SystemValues;
  refusal?(manager: EntityManager, entryId: string): Promise<string | undefined>;
}

export interface RecordedHours {
  entry: RecordView;
  created: boolean;
}

@Injectable()
export class HoursService {
  private readonly records: RecordCrud;

  constructor(
    private readonly store: RecordStore,
    private readonly repository: HoursRepository,
    private readonly fulfilment: FulfilmentService,
  ) {
    this.records = new RecordCrud(store, {
      definition: HOURS,
      extra: [
        ['status', 't.status'],
        ['rejectionReason', 't.rejection_reason'],
        ['marketRef', '(SELECT hm.ref FROM market hm WHERE hm.id = wc.market_id)'],
        ['declaredBy', 't.declared_by'],
        ['validatedAt', `to_char(t.validated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`],
      ],
      // A company sees the entries of the contracts it employs.
      visibility: scopedTo('t', { company: 'EXISTS (SELECT 1 FROM company hc WHERE hc.id = wc.employer_id AND hc.siret = ?)' }),
      searched: ['wc.ref', 'wc.job_title'],
      defaultSort: 'month',
    });
  }

  list(scope: AccessScope, query: HoursListQuery) {
    const filters = new SqlFilters()
      .when(query.status, 't.status = ?')
      .when(query.workContractRef, 'wc.ref = ?')
      .when(query.marketRef, 'EXISTS (SELECT 1 FROM market fm WHERE fm.id = wc.market_id AND fm.ref = ?)')
      .when(query.employerSiret, 'EXISTS (SELECT 1 FROM company fc WHERE fc.id = wc.employer_id AND fc.siret = ?)')
      .when(query.from, `t.month >= (? || '-01')::date`)
      .when(query.to, `t.month <= (? || '-01')::date`);
    return this.records.page(scope, filters, query);
  }

  get(scope: AccessScope, id: string) {
    return this.records.get(scope, id);
  }

  /** A facilitator records, or corrects, a contract's hours for a month: validated at once. */
  record(scope: AccessScope, principal: Principal, body: RecordHoursDto): Promise<RecordedHours> {
    const structureId = writableStructure(scope);
    return this.write(scope, principal, structureId, this.store.rowFromBody(HOURS, body), VALIDATED_BY_ACTOR);
  }

  /** The same for a contract named by its id; for a company, a declaration on a contract it employs. */
  async recordForContract(scope: AccessScope, principal: Principal, contractId: string, body: ContractHoursDto): Promise<RecordedHours> {
    const reach = scope.kind === 'structure' ? { structureId: scope.structureId } : scope.kind === 'company' ? { employerSiret: scope.siret } : undefined;
    if (!reach) throw new ForbiddenError('Seuls le facilitateur et l’entreprise employeuse saisissent des heures');
    const contract = await this.repository.contract(contractId, reach);
    if (!contract) throw new NotFoundError('Contrat de travail');
    const row = this.store.rowFromBody(HOURS, { ...body, workContractRef: contract.ref });
    return this.write(scope, principal, contract.structureId, row, scope.kind === 'company' ? DECLARED_BY_ACTOR : VALIDATED_BY_ACTOR);
  }

  /** A facilitator corrects an entry: the corrected hours are validated. */
  correct(scope: AccessScope, principal: Principal, id: string, body: CorrectHoursDto) {
    return this.records.update(scope, principal, id, body, {
      system: VALIDATED_BY_ACTOR,
      after: async (manager) => this.fulfilment.requestRecompute(manager, writableStructure(scope), [await this.repository.marketOfEntry(manager, id, writableStructure(scope))]),
    });
  }

  /** Validates or rejects declared hours; deciding again what was already decided the same way changes nothing. */
  async decide(scope: AccessScope, principal: Principal, id: string, status: 'VALIDATED' | 'REJECTED', reason: string | null = null) {
    const structureId = writableStructure(scope);
    await this.store.transaction(async (manager) => {
      const outcome = await this.repository.decide(manager, id, structureId, { status, reason }, actorOf(principal));
      if (!outcome) throw new NotFoundError('Saisie d’heures');
      if (!outcome.changed && outcome.previousStatus !== status) {
        throw new ConflictError(
          `Seules des heures déclarées se valident ou se rejettent : celles-ci sont ${STATUS_LABELS[outcome.previousStatus]}` +
            (outcome.previousStatus === 'VALIDATED' ? ' (corrigez-les plutôt)' : ' (l’entreprise doit les déclarer à nouveau)'),
        );
      }
      if (outcome.changed) await this.fulfilment.requestRecompute(manager, structureId, [outcome.marketId]);
    });
    return this.get(scope, id);
  }

  /** A page of the monthly grid: the structure's contracts running in the month (`YYYY-MM`), with their recorded hours. */
  monthGrid(scope: AccessScope, month: string, options: { marketRef?: string; offset: number; limit: number }): Promise<{ lines: GridLine[]; total: number }> {
    return this.repository.monthGrid(writableStructure(scope), `${month}-01`, options);
  }

  /**
   * A month of hours for many contracts at once, all or nothing: each cell goes through the same statement as one
   * entry (every rule of the API), in one transaction that is undone when any cell is refused.
   */
  recordMonth(scope: AccessScope, principal: Principal, month: string, cells: MonthCell[]): Promise<void> {
    const structureId = writableStructure(scope);
    return this.writeMonth(principal, month, cells, {
      contracts: (manager, ids) => this.repository.structureContracts(manager, structureId, ids),
      unknown: 'contrat de travail inconnu dans la structure',
      system: VALIDATED_BY_ACTOR,
    });
  }

  /** A company's monthly declaration: the contracts it employs running in the month (`YYYY-MM`), in every structure. */
  companyMonthGrid(scope: AccessScope, month: string): Promise<GridLine[]> {
    if (scope.kind !== 'company') throw new ForbiddenError('Seule une entreprise déclare ses heures');
    return this.repository.companyMonthGrid(scope.siret, `${month}-01`);
  }

  /**
   * A company declares a month for its contracts in one go, all or nothing: each cell through the same statement as
   * one declaration, which never replaces validated hours (such a cell is refused and named).
   */
  declareMonth(scope: AccessScope, principal: Principal, month: string, cells: MonthCell[]): Promise<void> {
    if (scope.kind !== 'company') throw new ForbiddenError('Seule une entreprise déclare ses heures');
    return this.writeMonth(principal, month, cells, {
      contracts: (manager, ids) => this.repository.employedContracts(manager, scope.siret, ids),
      unknown: 'contrat de travail inconnu parmi ceux de l’entreprise',
      system: DECLARED_BY_ACTOR,
      refusal: async (manager, entryId) =>
        (await this.repository.lockedStatus(manager, entryId)) === 'VALIDATED' ? 'heures déjà validées par le facilitateur : demandez-lui une correction' : undefined,
    });
  }

  /**
   * Cells of a month written in one transaction, each through the statement of one entry; any refusal undoes them all
   * and is named `<contract id>.<field>`.
   */
  private writeMonth(principal: Principal, month: string, cells: MonthCell[], plan: MonthPlan): Promise<void> {
    const options = { create: false, events: RECOMPUTE_WRITTEN_MARKETS, ...plan.system };
    return this.store.transaction(async (manager) => {
      const contracts = await plan.contracts(manager, cells.map((cell) => cell.workContractId));
      const problems: FieldProblem[] = [];
      for (const cell of cells) {
        const contract = contracts.get(cell.workContractId);
        if (!contract) {
          problems.push({ champ: `${cell.workContractId}.workContractRef`, message: plan.unknown });
          continue;
        }
        try {
          const row = this.store.rowFromBody(HOURS, { workContractRef: contract.ref, month, hoursWorked: cell.hoursWorked, trainingHours: cell.trainingHours });
          const written = await this.store.write(manager, HOURS, contract.structureId, row, actorOf(principal), options);
          const refused = await plan.refusal?.(manager, written.id);
          if (refused) problems.push({ champ: `${cell.workContractId}.hoursWorked`, message: refused });
        } catch (error) {
          if (!(error instanceof InvalidError)) throw error;
          problems.push(...error.problems.map((problem) => ({ champ: `${cell.workContractId}.${problem.champ}`, message: problem.message })));
        }
      }
      if (problems.length > 0) throw new InvalidError(problems);
    });
  }

  remove(scope: AccessScope, principal: Principal, id: string) {
    const structureId = writableStructure(scope);
    return this.records.remove(scope, principal, id, async (manager, removed) => {
      const contract = await this.repository.contractById(manager, removed.work_contract_id as string);
      await this.fulfilment.requestRecompute(manager, structureId, [contract?.marketId]);
    });
  }

  private async write(scope: AccessScope, principal: Principal, structureId: string, row: RowValues, system: SystemValues): Promise<RecordedHours> {
    const options = { create: false, events: RECOMPUTE_WRITTEN_MARKETS, view: this.records.view, ...system };
    // A facilitator's entry is one statement, which also answers the entry. A company's declaration is refused by
    // its own statement over validated hours; the entry it left is locked, so its status says why.
    const written =
      system === DECLARED_BY_ACTOR
        ? await this.store.transaction(async (manager) => {
            const declared = await this.store.write(manager, HOURS, structureId, row, actorOf(principal), options);
            if ((await this.repository.lockedStatus(manager, declared.id)) === 'VALIDATED') {
              throw new ConflictError('Ces heures sont déjà validées par le facilitateur : demandez-lui une correction');
            }
            return declared;
          })
        : await this.store.write(undefined, HOURS, structureId, row, actorOf(principal), options);
    return { entry: (written.record as RecordView | undefined) ?? (await this.records.get(scope, written.id)), created: written.created };
  }
}
