import { product } from '../../platform/records/decimals';
import { RowProblem, RowValues } from '../../platform/records/record-definition';
import { periodProblems, withDefault } from '../../platform/records/row-rules';

export const LEGAL_BASES = ['EXECUTION_CONDITION', 'AWARD_CRITERION', 'INSERTION_SERVICE', 'RESERVED_SIAE', 'RESERVED_DISABILITY', 'RESERVED_ESS'] as const;
export const SECTORS = ['BUILDING', 'PUBLIC_WORKS', 'CLEANING', 'GREEN_SPACES', 'CATERING', 'WASTE', 'SECURITY', 'TRANSPORT', 'OTHER_SERVICES', 'SUPPLIES', 'INTELLECTUAL'] as const;

export interface ObjectiveInputs {
  amountExclTax: string;
  labourSharePct: string;
  insertionRatePct: string;
  hourlyCost: string;
}

/**
 * The usual sizing of a clause: amount excl. tax × labour share × insertion rate ÷ hourly labour cost, rounded to
 * the nearest hour (1,000,000 € × 50 % × 5 % ÷ 30 € = 833 h). Exact decimal arithmetic, no floats.
 */
export function hoursObjective(inputs: ObjectiveInputs): string {
  return product([inputs.amountExclTax, inputs.labourSharePct, inputs.insertionRatePct], [inputs.hourlyCost, '100', '100'], 0);
}

/** The four inputs a computed objective is sized from. */
export const SIZING_COLUMNS = ['amount_excl_tax', 'labour_share_pct', 'insertion_rate_pct', 'hourly_cost'] as const;

/** Below this, an hourly cost (wages and charges) is a typing error: it would inflate the computed objective. */
export const MIN_HOURLY_COST = 10;

/** The largest objective a market holds (its column is numeric(10, 2)). */
export const MAX_HOURS_OBJECTIVE = 99_999_999;

/** Period, training default, and the objective: given, or computed from the four sizing inputs. */
export function normaliseMarket(row: RowValues): { row: RowValues; problems: RowProblem[] } {
  const problems = periodProblems(row);
  withDefault(row, 'training_counts', 'true');
  if (row.hourly_cost !== null && row.hourly_cost !== undefined && Number(row.hourly_cost) < MIN_HOURLY_COST) {
    problems.push({ column: 'hourly_cost', message: `doit être de ${MIN_HOURLY_COST} € au moins : c’est le coût horaire chargé (salaire et charges) d’un salarié` });
    return { row, problems };
  }
  if (row.hours_objective) {
    row.hours_objective_computed = 'false';
  } else {
    const missing = SIZING_COLUMNS.filter((column) => !row[column]);
    if (missing.length > 0) {
      problems.push({ column: 'hours_objective', message: `à renseigner, ou à calculer : il manque ${missing.join(', ')}` });
    } else {
      const computed = hoursObjective({
        amountExclTax: row.amount_excl_tax!,
        labourSharePct: row.labour_share_pct!,
        insertionRatePct: row.insertion_rate_pct!,
        hourlyCost: row.hourly_cost!,
      });
      // The same bound as an objective given by hand: a market of that size is a typing error somewhere.
      if (Number(computed) > MAX_HOURS_OBJECTIVE) {
        problems.push({ column: 'hours_objective', message: `objectif calculé de ${computed.replace('.', ',')} h : 99 999 999 h au plus (vérifiez le montant et le coût horaire)` });
      } else {
        row.hours_objective = computed;
        row.hours_objective_computed = 'true';
      }
    }
  }
  return { row, problems };
}

/** A lot keeps its market's buyer and lies within its market's period. */
export function lotProblems(parent: { buyerRef: string; operationRef: string | null; startDate: string; endDate: string }, lot: RowValues): { champ: string; message: string }[] {
  const problems: { champ: string; message: string }[] = [];
  if (lot.buyer_ref !== parent.buyerRef) problems.push({ champ: 'buyerRef', message: `un lot a l’acheteur de son marché (${parent.buyerRef})` });
  if ((lot.operation_ref ?? null) !== parent.operationRef) {
    problems.push({
      champ: 'operationRef',
      message: parent.operationRef ? `un lot relève de l’opération de son marché (${parent.operationRef})` : 'un lot relève de l’opération de son marché, qui n’en a pas',
    });
  }
  if (lot.start_date! < parent.startDate || lot.end_date! > parent.endDate) {
    problems.push({ champ: 'startDate', message: `un lot s’exécute dans la période de son marché (du ${parent.startDate} au ${parent.endDate})` });
  }
  return problems;
}
