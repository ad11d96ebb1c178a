import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { QuestionnaireRespondentDto } from './dto/questionnaire.dto';
import { Figure, QUESTIONNAIRE_TABLES, QuestionnaireTable } from './questionnaire.rules';

/** The questionnaire's stored figures (written through the record importer, which audits them). */
@Injectable()
export class QuestionnaireRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** A structure's declared figures of a year, every table. */
  figures(structureId: string, year: number): Promise<(Figure & { table: QuestionnaireTable })[]> {
    return this.dataSource.query(
      `SELECT questionnaire_table AS "table", item, measure, value::text AS value FROM plie_annual_figure WHERE structure_id = $1 AND year = $2`,
      [structureId, year],
    );
  }

  /** Every PLIE with how many figures it declared in each table of a year, and when it last changed one. */
  respondents(year: number): Promise<QuestionnaireRespondentDto[]> {
    const declared = QUESTIONNAIRE_TABLES.map((table) => `'${table}', count(f.id) FILTER (WHERE f.questionnaire_table = '${table}')::int`).join(', ');
    return this.dataSource.query(
      `SELECT s.ref AS "structureRef", s.name AS "structureName", jsonb_build_object(${declared}) AS declared,
              to_char(max(f.updated_at) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "lastChangedAt"
         FROM structure s LEFT JOIN plie_annual_figure f ON f.structure_id = s.id AND f.year = $1
        WHERE s.kind = 'PLIE' GROUP BY s.id ORDER BY s.ref`,
      [year],
    );
  }
}
