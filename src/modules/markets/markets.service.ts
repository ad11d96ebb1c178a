import { Injectable } from '@nestjs/common';
import type { AccessScope, Principal } from '../../platform/auth/principal';
import { InvalidError } from '../../platform/http/domain-errors';
import { periodFilters, RecordCrud, writableStructure } from '../../platform/records/record-crud';
import { RawValues, RecordStore } from '../../platform/records/record-store';
import { FulfilmentService } from '../fulfilment/fulfilment.service';
import { CreateMarketDto, MarketListQuery, UpdateMarketDto } from './dto/market.dto';
import { MARKETS, marketVisibility } from './markets.record';
import { lotProblems, SIZING_COLUMNS } from './markets.rules';
import { apiName } from '../../platform/records/record-definition';

@Injectable()
export class MarketsService {
  private readonly records: RecordCrud;

  constructor(
    private readonly store: RecordStore,
    private readonly fulfilment: FulfilmentService,
  ) {
    this.records = new RecordCrud(store, {
      definition: MARKETS,
      extra: [['parentId', 't.parent_market_id']],
      visibility: marketVisibility('t'),
      searched: ['t.ref', 't.title', 'b.name', 'o.name'],
      defaultSort: 'startDate',
    });
  }

  /** A page of the visible markets; `among` narrows them to those listed (a status computed from the figures). */
  list(scope: AccessScope, query: MarketListQuery, among?: string[]) {
    const filters = periodFilters(query)
      .when(among, 't.id = ANY(?::uuid[])')
      .when(query.buyerRef, 'b.ref = ?')
      .when(query.operationRef, 'o.ref = ?')
      .when(query.sector, 't.sector = ?')
      .when(query.legalBasis, 't.legal_basis = ?')
      .when(query.parentId, 't.parent_market_id = ?')
      .when(query.companySiret, 'EXISTS (SELECT 1 FROM award fa JOIN company fc ON fc.id = fa.company_id WHERE fa.market_id = t.id AND fc.siret = ?)');
    return this.records.page(scope, filters, query);
  }

  get(scope: AccessScope, id: string) {
    return this.records.get(scope, id);
  }

  /**
   * The objective the sizing inputs give, as the market form shows it while they are typed: each input read by its
   * field, then the one formula. A message says what is missing or wrong instead.
   */
  previewObjective(inputs: Record<string, unknown>): { objective: string } | { missing: string[] } | { problem: string } {
    const values: Record<string, string> = {};
    const missing: string[] = [];
    for (const column of SIZING_COLUMNS) {
      const spec = MARKETS.fields[column]!;
      const parsed = spec.parse(inputs[apiName(column)]);
      if ('error' in parsed) return { problem: `${spec.description} : ${parsed.error}` };
      if (parsed.value === null) missing.push(spec.description);
      else values[column] = parsed.value;
    }
    if (missing.length > 0) return { missing };
    // The market's own rule, on a row with only the sizing (any valid period: it plays no part in the objective).
    const { row, problems } = MARKETS.normalise({ ...values, hours_objective: null, start_date: '2000-01-01', end_date: '2000-01-01' });
    const problem = problems[0];
    if (problem) return { problem: `${MARKETS.fields[problem.column]?.description ?? problem.column} : ${problem.message}` };
    return { objective: row.hours_objective! };
  }

  /** A new market's objective is counted from now on: its figures are computed by the workers. */
  create(scope: AccessScope, principal: Principal, body: CreateMarketDto) {
    return this.records.create(scope, principal, body, { after: (manager, id) => this.fulfilment.requestRecompute(manager, writableStructure(scope), [id]) });
  }

  /**
   * A lot is a market of its own (its award, its clause) attached to the market it divides: it has its market's buyer
   * and operation (taken from it when the lot gives none), and lies within its period.
   */
  async createLot(scope: AccessScope, principal: Principal, parentId: string, body: CreateMarketDto) {
    const parent = (await this.records.get(scope, parentId)) as unknown as { parentId: string | null; buyerRef: string; operationRef: string | null; startDate: string; endDate: string };
    if (parent.parentId) throw InvalidError.field('id', 'ce marché est déjà un lot : un lot ne se divise pas');
    const lot = { ...body, operationRef: (body as { operationRef?: string }).operationRef ?? parent.operationRef ?? undefined };
    const problems = lotProblems(parent, this.store.rowFromBody(MARKETS, lot));
    if (problems.length > 0) throw new InvalidError(problems);
    return this.records.create(scope, principal, lot, {
      system: { system: [['parent_market_id', '{{1}}::uuid']], parameters: [parentId] },
      after: (manager, id) => this.fulfilment.requestRecompute(manager, writableStructure(scope), [id]),
    });
  }

  /** A change of objective, period or training rule changes the figures; a computed objective follows its inputs. */
  update(scope: AccessScope, principal: Principal, id: string, body: UpdateMarketDto) {
    return this.records.update(scope, principal, id, body, {
      after: (manager) => this.fulfilment.requestRecompute(manager, writableStructure(scope), [id]),
      prepare: (current: RawValues) => {
        if (current.hours_objective_computed === true && (body as { hoursObjective?: unknown }).hoursObjective === undefined) current.hours_objective = null;
        return current;
      },
    });
  }

  remove(scope: AccessScope, principal: Principal, id: string) {
    return this.records.remove(scope, principal, id);
  }
}
