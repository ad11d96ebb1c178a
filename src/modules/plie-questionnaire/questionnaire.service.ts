import { Injectable } from '@nestjs/common';
import type { AccessScope, Principal } from '../../platform/auth/principal';
import { FieldProblem, ForbiddenError, InvalidError } from '../../platform/http/domain-errors';
import { RecordImporter } from '../../platform/records/record-importer';
import { ReplaceQuestionnaireTableDto, QuestionnaireDto, QuestionnaireRespondentDto, QuestionnaireTableDto } from './dto/questionnaire.dto';
import { CATALOG, Figure, fillTable, Measure, QUESTIONNAIRE_TABLES, QuestionnaireTable, TABLE_TITLES } from './questionnaire.rules';
import { FIRST_YEAR, LAST_YEAR, PLIE_ANNUAL_DATA } from './questionnaire.record';
import { QuestionnaireRepository } from './questionnaire.repository';

/**
 * The yearly questionnaire of a PLIE: read with its totals, written a table at a time through the import's own
 * rules and merge (the same checks, the same audit), and who answered what for national staff.
 */
@Injectable()
export class QuestionnaireService {
  constructor(
    private readonly repository: QuestionnaireRepository,
    private readonly importer: RecordImporter,
  ) {}

  /** A year's questionnaire of the caller's structure: every row, declared or computed. */
  async get(scope: AccessScope, year: number): Promise<QuestionnaireDto> {
    const structureId = this.ownStructure(scope);
    checkYear(year);
    const figures = await this.repository.figures(structureId, year);
    return {
      year,
      tables: QUESTIONNAIRE_TABLES.map((table) => tableOf(table, figures.filter((figure) => figure.table === table))),
    };
  }

  /** The totals of a table as they would be with these figures (the form shows them as they are typed). */
  preview(table: QuestionnaireTable, figures: Figure[]): QuestionnaireTableDto {
    return tableOf(table, figures);
  }

  /** Replaces a table of a year's questionnaire by the figures given (none: the table is left unanswered). */
  async replaceTable(scope: AccessScope, principal: Principal, year: number, table: string, body: ReplaceQuestionnaireTableDto): Promise<QuestionnaireDto> {
    const structureId = this.ownStructure(scope);
    checkYear(year);
    if (!(QUESTIONNAIRE_TABLES as readonly string[]).includes(table)) throw InvalidError.field('table', `tableau inconnu « ${table} » : possibles ${QUESTIONNAIRE_TABLES.join(', ')}`);
    const rows = body.figures.map((figure) => ({
      structureId,
      values: { year: String(year), questionnaire_table: table, item: figure.item, measure: figure.column, value: figure.value },
    }));
    const outcome = await this.importer.runRows(rows, {
      definition: PLIE_ANNUAL_DATA,
      actor: { id: principal.userId, label: principal.email },
      structureOf: () => ({ id: structureId }),
      replaceScope: { structureId, values: { year: String(year), questionnaire_table: table } },
    });
    if ('errors' in outcome) {
      throw new InvalidError(
        // The body names a figure's fields as the import file does (item, column, value); the structure is the caller's.
        outcome.errors.map((problem): FieldProblem => (problem.column === 'structure_ref' ? { champ: 'structure', message: problem.message } : { champ: `figures[${problem.line - 1}].${problem.column}`, message: problem.message })),
      );
    }
    return this.get(scope, year);
  }

  /** The PLIE and what they declared for a year, table by table (national staff see who answered which section). */
  respondents(year: number): Promise<QuestionnaireRespondentDto[]> {
    checkYear(year);
    return this.repository.respondents(year);
  }

  private ownStructure(scope: AccessScope): string {
    if (scope.kind !== 'structure') throw new ForbiddenError('Le questionnaire annuel se remplit par un facilitateur de la structure');
    return scope.structureId;
  }
}

function checkYear(year: number): void {
  if (!Number.isInteger(year) || year < FIRST_YEAR || year > LAST_YEAR) throw InvalidError.field('year', `doit être une année entre ${FIRST_YEAR} et ${LAST_YEAR}`);
}

function tableOf(table: QuestionnaireTable, figures: Figure[]): QuestionnaireTableDto {
  const filled = fillTable(table, figures);
  return {
    table,
    title: TABLE_TITLES[table],
    declared: figures.length,
    rows: CATALOG[table].map((row, index) => ({
      key: row.key,
      group: row.group,
      label: row.label,
      computed: Boolean(row.sumOf),
      values: Object.fromEntries(row.measures.map((measure: Measure) => [measure, filled[index]!.values[measure] ?? null])),
    })),
  };
}
