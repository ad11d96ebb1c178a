import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Roles } from '../../platform/auth/access.decorators';
import { scopeOf } from '../../platform/auth/principal';
import { Role } from '../../platform/auth/roles';
import { Clock } from '../../platform/clock';
import { FieldProblem, NotFoundError } from '../../platform/http/domain-errors';
import { Alert, ErrorSummary, fieldId, Table, YearSelector } from '../../platform/web/components';
import { figure } from '../../platform/web/format';
import type { FormValues } from '../../platform/web/forms';
import { single, submit } from '../../platform/web/forms';
import { Fragment, h, Html } from '../../platform/web/jsx';
import { CsrfField, page } from '../../platform/web/layout';
import { yearParameter } from '../../platform/web/months';
import { CurrentPage, WebPage } from '../../platform/web/web-request';
import type { PageContext } from '../../platform/web/web-request';
import { QuestionnaireTableDto, ReplaceQuestionnaireTableDto } from '../plie-questionnaire/dto/questionnaire.dto';
import { QuestionnaireService } from '../plie-questionnaire/questionnaire.service';
import { PLIE_ANNUAL_DATA } from '../plie-questionnaire/questionnaire.record';
import { CATALOG, declaredMeasures, Figure, GROUP_LABELS, Measure, MEASURE_LABELS, QUESTIONNAIRE_TABLES, QuestionnaireTable, TABLE_TITLES } from '../plie-questionnaire/questionnaire.rules';
import { StructuresService } from '../structures/structures.service';

/** A figure's form field: `v:axis_3.state:direct`. */
const inputName = (item: string, measure: string) => `v:${item}:${measure}`;
/** A computed cell's element, replaced as the figures are typed. */
const outputId = (table: string, item: string, measure: string) => `total-${table}-${item}-${measure}`.replace(/[^A-Za-z0-9_-]/g, '-');

const TABLE_PATHS: Record<QuestionnaireTable, string> = { FINANCING: 'financements', ALLOCATIONS: 'attributions', ORGANISATION: 'organisation' };

function tableOfPath(path: string): QuestionnaireTable {
  const table = (Object.keys(TABLE_PATHS) as QuestionnaireTable[]).find((candidate) => TABLE_PATHS[candidate] === path);
  if (!table) throw new NotFoundError(`Tableau « ${path} »`);
  return table;
}

/** The figures of a section's form, in the catalog's order: each filled field, as the API's body lists them. */
function figuresOf(table: QuestionnaireTable, form: FormValues): { item: string; column: string; value: string }[] {
  return CATALOG[table].flatMap((row) =>
    row.sumOf ? [] : declaredMeasures(table, row).flatMap((measure) => {
      const value = single(form[inputName(row.key, measure)])?.trim() ?? '';
      return value === '' ? [] : [{ item: row.key, column: measure, value }];
    }),
  );
}

/** A computed figure, grouped the French way (`1 250,5`). */
const shown = (value: string | null) => (value === null ? '—' : figure(Number(value)));

/**
 * The PLIE's yearly questionnaire, one form per table: the facilitator types the declared figures, the subtotals and
 * totals are computed by the server as they are typed (the same rule as the report), and saving a table replaces it.
 */
@ApiExcludeController()
@Controller('questionnaire')
export class QuestionnairePagesController {
  constructor(
    private readonly questionnaires: QuestionnaireService,
    private readonly structures: StructuresService,
    private readonly clock: Clock,
  ) {}

  @Get()
  @Roles(Role.Facilitator)
  @WebPage()
  async show(@CurrentPage() context: PageContext, @Query('annee') asked: unknown, @Query('enregistre') saved: unknown) {
    const year = yearParameter(asked, this.clock.now());
    return this.questionnairePage(context, year, typeof saved === 'string' ? saved : undefined);
  }

  /** The computed cells of a table for the figures being typed (an htmx fragment, swapped out of band). */
  @Get(':annee/:table/totaux')
  @Roles(Role.Facilitator)
  @WebPage()
  totals(@Param('table') path: string, @Query() form: FormValues) {
    const table = tableOfPath(path);
    const valueField = PLIE_ANNUAL_DATA.fields.value!;
    const figures = figuresOf(table, form).flatMap((figure): Figure[] => {
      const parsed = valueField.parse(figure.value);
      return 'value' in parsed && parsed.value !== null ? [{ item: figure.item, measure: figure.column as Measure, value: parsed.value }] : [];
    });
    const preview = this.questionnaires.preview(table, figures);
    return (
      <Fragment>
        {preview.rows.flatMap((row) =>
          row.computed || table === 'FINANCING'
            ? Object.entries(row.values)
                .filter(([measure]) => row.computed || measure === 'total')
                .map(([measure, value]) => (
                  <output id={outputId(table, row.key, measure)} hx-swap-oob="true">
                    {shown(value)}
                  </output>
                ))
            : [],
        )}
      </Fragment>
    ).markup;
  }

  @Post(':annee/:table')
  @Roles(Role.Facilitator)
  @WebPage()
  async save(@CurrentPage() context: PageContext, @Param('annee') askedYear: string, @Param('table') path: string, @Body() form: FormValues, @Res() reply: FastifyReply) {
    const year = yearParameter(askedYear, this.clock.now());
    const table = tableOfPath(path);
    const figures = figuresOf(table, form);
    const outcome = await submit(ReplaceQuestionnaireTableDto, { figures }, (checked) =>
      this.questionnaires.replaceTable(scopeOf(context.principal), context.principal, year, table, checked as ReplaceQuestionnaireTableDto),
    );
    if ('done' in outcome) return reply.redirect(`/questionnaire?annee=${year}&enregistre=${TABLE_PATHS[table]}#${TABLE_PATHS[table]}`, 303);
    // A problem names the figure by its position in the list sent: back to its field.
    const problems = outcome.problems.map((problem): FieldProblem => {
      const match = /^figures\[(\d+)\]/.exec(problem.champ);
      const figure = match ? figures[Number(match[1])] : undefined;
      return figure ? { champ: inputName(figure.item, figure.column), message: problem.message } : problem;
    });
    const html = await this.questionnairePage(context, year, undefined, { table, form, problems });
    return reply.status(400).type('text/html; charset=utf-8').send(html);
  }

  private async questionnairePage(context: PageContext, year: number, saved: string | undefined, refused?: { table: QuestionnaireTable; form: FormValues; problems: FieldProblem[] }): Promise<string> {
    const scope = scopeOf(context.principal);
    const structure = await this.structures.get({ kind: 'all' }, context.principal.structureId!);
    const title = `Questionnaire annuel ${year}`;
    const layout = { title: refused ? `Erreur — ${title}` : title, context, breadcrumbs: [['Accueil', '/'], [title]] as [string, string?][] };
    if (structure.kind !== 'PLIE') {
      return page(layout, <div><h1>{title}</h1><Alert kind="info" title="Le questionnaire annuel concerne les PLIE">Votre structure ({structure.ref}) n’est pas un PLIE : elle n’a pas de questionnaire à remplir.</Alert></div>);
    }
    const questionnaire = await this.questionnaires.get(scope, year);
    const savedTable = QUESTIONNAIRE_TABLES.find((table) => TABLE_PATHS[table] === saved);
    return page(
      layout,
      <div>
        <h1>{title}</h1>
        {savedTable ? <Alert kind="success" title={`${TABLE_TITLES[savedTable]} : enregistré`} /> : null}
        <YearSelector action="/questionnaire" year={year} />
        <p>
          Ce que le PLIE déclare une fois par an et qu’aucun parcours ne dit : ses financements (tableau 6), les fonds attribués à d’autres structures (tableau 7) et son
          organisation (tableau 10). Chaque tableau s’enregistre à part et peut rester vide ; les sous-totaux et totaux sont calculés, jamais saisis. Montants en euros.
        </p>
        {questionnaire.tables.map((section) => (
          <TableForm year={year} section={section} refused={refused?.table === section.table ? refused : undefined} csrf={context.csrfToken} />
        ))}
      </div>,
    );
  }
}

function TableForm({ year, section, refused, csrf }: { year: number; section: QuestionnaireTableDto; refused?: { form: FormValues; problems: FieldProblem[] }; csrf: string }): Html {
  const table = section.table as QuestionnaireTable;
  const path = TABLE_PATHS[table];
  const labels = Object.fromEntries(
    CATALOG[table].flatMap((row) => declaredMeasures(table, row).map((measure) => [inputName(row.key, measure), `${row.label} — ${MEASURE_LABELS[measure]}`])),
  );
  const measures = [...new Set(CATALOG[table].flatMap((row) => row.measures))];
  const problemOf = (name: string) => refused?.problems.find((problem) => problem.champ === name)?.message;
  const cell = (row: QuestionnaireTableDto['rows'][number], measure: Measure): Html => {
    const catalogRow = CATALOG[table].find((found) => found.key === row.key)!;
    if (!catalogRow.measures.includes(measure)) return <span></span>;
    if (row.computed || !declaredMeasures(table, catalogRow).includes(measure)) {
      return <output id={outputId(table, row.key, measure)}>{shown(row.values[measure] ?? null)}</output>;
    }
    const name = inputName(row.key, measure);
    const id = fieldId(name);
    const error = problemOf(name);
    const value = refused ? (single(refused.form[name]) ?? '') : (row.values[measure] ?? '').replace('.', ',');
    return (
      <div class={`fr-input-group fr-mb-0${error ? ' fr-input-group--error' : ''}`}>
        <label class="fr-label fr-sr-only" for={id}>
          {labels[name]}
        </label>
        <input class={`fr-input${error ? ' fr-input--error' : ''}`} id={id} name={name} value={value} inputmode="decimal" aria-describedby={`${id}-messages`} aria-invalid={error ? 'true' : undefined} />
        <div class="fr-messages-group" id={`${id}-messages`} aria-live="polite">
          {error ? <p class="fr-message fr-message--error">{error}</p> : null}
        </div>
      </div>
    );
  };
  return (
    <section class="fr-mt-6w" id={path}>
      <h2>{TABLE_TITLES[table]}</h2>
      <p class="fr-text--sm">
        {section.declared > 0 ? `${section.declared} chiffre${section.declared > 1 ? 's' : ''} déclaré${section.declared > 1 ? 's' : ''}` : 'Tableau sans réponse pour cette année'}
      </p>
      {refused ? <ErrorSummary problems={refused.problems} labels={labels} /> : null}
      <form
        method="post"
        action={`/questionnaire/${year}/${path}`}
        hx-get={`/questionnaire/${year}/${path}/totaux`}
        hx-trigger="input changed delay:300ms"
        hx-swap="none"
        novalidate
      >
        <CsrfField token={csrf} />
        <Table
          caption={`${TABLE_TITLES[table]} (totaux calculés)`}
          head={['Ligne', ...measures.map((measure) => MEASURE_LABELS[measure])]}
          rowHeaders
          rows={section.rows.map((row) => [
            <Fragment>
              {row.computed ? <strong>{row.label}</strong> : row.label}
              {row.group && GROUP_LABELS[row.group] ? <span class="fr-hint-text">{GROUP_LABELS[row.group]}</span> : null}
            </Fragment>,
            ...measures.map((measure) => cell(row, measure)),
          ])}
        />
        <button class="fr-btn" type="submit">
          Enregistrer le tableau {table === 'FINANCING' ? '6' : table === 'ALLOCATIONS' ? '7' : '10'}
        </button>
      </form>
    </section>
  );
}
