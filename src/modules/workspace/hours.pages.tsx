import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Roles } from '../../platform/auth/access.decorators';
import { scopeOf } from '../../platform/auth/principal';
import { Role } from '../../platform/auth/roles';
import { Clock } from '../../platform/clock';
import { ConflictError, FieldProblem, InvalidError } from '../../platform/http/domain-errors';
import { UuidParamPipe } from '../../platform/http/uuid-param.pipe';
import { validateAs } from '../../platform/http/validation.pipe';
import { Alert, Badge, ErrorSummary, fieldId, FormButtons, Pagination, Table, TextArea, TextField, withQuery } from '../../platform/web/components';
import { decimalText, hours, monthName } from '../../platform/web/format';
import { single, submit } from '../../platform/web/forms';
import type { FormValues } from '../../platform/web/forms';
import { h, Html } from '../../platform/web/jsx';
import { CsrfField, page } from '../../platform/web/layout';
import { CurrentPage, WebPage } from '../../platform/web/web-request';
import type { PageContext } from '../../platform/web/web-request';
import { HoursListQuery, RejectHoursDto } from '../hours/dto/hours.dto';
import { MAX_MONTHLY_HOURS } from '../hours/hours.rules';
import { HoursService, MonthCell } from '../hours/hours.service';
import { referenceMonth } from './dashboard.pages';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** Contracts per page of the grid: a page is saved on its own, all or nothing. */
const GRID_PAGE = 100;

interface GridView {
  month: string;
  marketRef?: string;
  page: number;
}

function gridHref(view: GridView, extra: Record<string, number> = {}): string {
  return withQuery('/heures', { mois: view.month, marche: view.marketRef, page: view.page > 1 ? view.page : undefined }, extra);
}

const WORKED = 'travail.';
const TRAINING = 'formation.';

function shiftMonth(month: string, by: number): string {
  const [year, number] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(year, number - 1 + by, 1)).toISOString().slice(0, 7);
}

/** The grid's cells a form filled: a contract whose two cells are empty records nothing. */
export function cellsOf(form: FormValues): MonthCell[] {
  return Object.keys(form)
    .filter((name) => name.startsWith(WORKED))
    .map((name) => name.slice(WORKED.length))
    .map((workContractId) => ({ workContractId, hoursWorked: single(form[`${WORKED}${workContractId}`])?.trim() ?? '', trainingHours: single(form[`${TRAINING}${workContractId}`])?.trim() || undefined }))
    .filter((cell) => cell.hoursWorked !== '' || cell.trainingHours !== undefined);
}

/** The monthly hours grid and the companies' declarations to validate. */
@ApiExcludeController()
@Controller()
export class HoursPagesController {
  constructor(
    private readonly hours: HoursService,
    private readonly clock: Clock,
  ) {}

  @Get('heures')
  @Roles(Role.Facilitator)
  @WebPage()
  async grid(@CurrentPage() context: PageContext, @Query() raw: Record<string, string>) {
    return this.gridPage(context, this.viewOf(raw), {}, [], raw.enregistre === '1');
  }

  @Post('heures')
  @Roles(Role.Facilitator)
  @WebPage()
  async save(@CurrentPage() context: PageContext, @Body() form: FormValues, @Res() reply: FastifyReply) {
    const view = this.viewOf({ mois: single(form.mois), marche: single(form.marche), page: single(form.page) });
    try {
      await this.hours.recordMonth(scopeOf(context.principal), context.principal, view.month, cellsOf(form));
    } catch (error) {
      if (!(error instanceof InvalidError)) throw error;
      return reply.status(400).type('text/html; charset=utf-8').send(await this.gridPage(context, view, form, error.problems, false));
    }
    reply.redirect(gridHref(view, { enregistre: 1 }), 303);
  }

  /** The grid asked: its month (last month by default), its market (all by default) and its page. */
  private viewOf(raw: Record<string, string | undefined>): GridView {
    const asked = raw.mois;
    const month = asked === undefined || asked === '' ? referenceMonth(this.clock.now(), this.clock.now().getUTCFullYear()) : asked;
    if (!MONTH.test(month)) throw InvalidError.field('mois', 'doit être un mois AAAA-MM');
    const page = raw.page === undefined || raw.page === '' ? 1 : Number(raw.page);
    if (!Number.isInteger(page) || page < 1) throw InvalidError.field('page', 'doit être un nombre entier de 1 au moins');
    return { month, marketRef: raw.marche?.trim() || undefined, page };
  }

  private async gridPage(context: PageContext, view: GridView, submitted: FormValues, problems: FieldProblem[], saved: boolean): Promise<string> {
    const { month } = view;
    const { lines, total } = await this.hours.monthGrid(scopeOf(context.principal), month, { marketRef: view.marketRef, offset: (view.page - 1) * GRID_PAGE, limit: GRID_PAGE });
    const problemOf = (id: string, field: string) => problems.find((problem) => problem.champ === `${id}.${field}`)?.message;
    // A refused grid comes back as it was typed; otherwise validated hours are shown to be corrected, and hours a
    // company declared wait in their own column (typing over them records the facilitator's figures instead).
    const valueOf = (name: string, line: (typeof lines)[number], recorded: string | null) =>
      Object.keys(submitted).length > 0 ? single(submitted[name]) : line.status === 'VALIDATED' ? decimalText(recorded) : undefined;
    const labels = Object.fromEntries(
      lines.flatMap((line) => [
        [`${line.workContractId}.hoursWorked`, `${line.workContractRef} (${line.participant}), heures travaillées`],
        [`${line.workContractId}.trainingHours`, `${line.workContractRef} (${line.participant}), heures de formation`],
        [`${line.workContractId}.month`, `${line.workContractRef} (${line.participant})`],
        [`${line.workContractId}.workContractRef`, `${line.workContractRef} (${line.participant})`],
      ]),
    );
    const cell = (line: (typeof lines)[number], prefix: string, field: string, label: string, recorded: string | null): Html => {
      const name = `${prefix}${line.workContractId}`;
      const error = problemOf(line.workContractId, field) ?? (field === 'hoursWorked' ? problemOf(line.workContractId, 'month') : undefined);
      const id = fieldId(`${line.workContractId}.${field}`);
      return (
        <div class={`fr-input-group fr-mb-0${error ? ' fr-input-group--error' : ''}`}>
          <label class="fr-label fr-sr-only" for={id}>
            {label} — {line.workContractRef}, {line.participant}
          </label>
          <input
            class={`fr-input${error ? ' fr-input--error' : ''}`}
            id={id}
            name={name}
            inputmode="decimal"
            autocomplete="off"
            value={valueOf(name, line, recorded)}
            aria-invalid={error ? 'true' : undefined}
            aria-describedby={error ? `${id}-messages` : undefined}
          />
          {error ? (
            <p class="fr-message fr-message--error" id={`${id}-messages`}>
              {error}
            </p>
          ) : null}
        </div>
      );
    };
    const state = (line: (typeof lines)[number]): Html => {
      if (line.status === 'VALIDATED') return <Badge kind="success">Validées</Badge>;
      if (line.status === 'DECLARED') return <Badge kind="new">{`Déclarées : ${hours(line.hoursWorked)} + ${hours(line.trainingHours)} de formation, à valider`}</Badge>;
      if (line.status === 'REJECTED') return <Badge kind="warning">{`Rejetées : ${line.rejectionReason ?? ''}`}</Badge>;
      return <span class="fr-text--sm">Non saisies</span>;
    };
    return page(
      { title: problems.length > 0 ? `Erreur — Heures de ${monthName(month)}` : `Heures de ${monthName(month)}`, context, breadcrumbs: [['Accueil', '/'], ['Heures du mois']] },
      <div>
        <h1>Heures de {monthName(month)}</h1>
        <nav class="fr-mb-3w" aria-label="Changer de mois">
          <p>
            <a class="fr-link fr-icon-arrow-left-line fr-link--icon-left fr-mr-3w" href={gridHref({ ...view, month: shiftMonth(month, -1), page: 1 })}>
              {monthName(shiftMonth(month, -1))}
            </a>
            <a class="fr-link fr-icon-arrow-right-line fr-link--icon-right" href={gridHref({ ...view, month: shiftMonth(month, 1), page: 1 })}>
              {monthName(shiftMonth(month, 1))}
            </a>
          </p>
          <form method="get" action="/heures" class="fr-grid-row fr-grid-row--bottom fr-grid-row--gutters">
            <div class="fr-col-12 fr-col-md-4">
              <TextField name="mois" label="Mois" type="month" value={month} hint="Format AAAA-MM" />
            </div>
            <div class="fr-col-12 fr-col-md-4">
              <TextField name="marche" label="Marché" value={view.marketRef} hint="Référence d’un marché ; vide : tous" />
            </div>
            <div class="fr-col-12 fr-col-md-4">
              <button class="fr-btn fr-btn--secondary" type="submit">
                Afficher
              </button>
            </div>
          </form>
        </nav>
        {saved ? <Alert kind="success" title="Heures enregistrées et validées" /> : null}
        {problems.length > 0 ? (
          <div>
            <Alert kind="error" title="Rien n’a été enregistré">
              <p>Corrigez les cellules signalées puis enregistrez de nouveau : le mois s’enregistre en entier ou pas du tout.</p>
            </Alert>
            <ErrorSummary problems={problems} labels={labels} />
          </div>
        ) : null}
        <p>
          Heures travaillées et heures de formation de chaque contrat en cours ce mois-là ({MAX_MONTHLY_HOURS} h au plus par contrat et par mois). Une ligne laissée vide
          n’enregistre rien ; les heures saisies ici sont validées d’office. La touche Tab passe d’une cellule à la suivante. Au-delà de {GRID_PAGE} contrats, la grille
          se découpe en pages, chacune enregistrée à part.
        </p>
        {lines.length === 0 ? (
          <Alert kind="info" title={`Aucun contrat de travail en cours en ${monthName(month)}${view.marketRef ? ` sur le marché ${view.marketRef}` : ''}`} />
        ) : (
          <form method="post" action="/heures" class="ct-grid" novalidate>
            <CsrfField token={context.csrfToken} />
            <input type="hidden" name="mois" value={month} />
            <input type="hidden" name="marche" value={view.marketRef} />
            <input type="hidden" name="page" value={String(view.page)} />
            <Table
              caption={`${total} contrat${total > 1 ? 's' : ''} en cours en ${monthName(month)}${view.marketRef ? ` sur le marché ${view.marketRef}` : ''}${
                total > GRID_PAGE ? ` — page ${view.page} sur ${Math.ceil(total / GRID_PAGE)}, enregistrée à part` : ''
              }`}
              head={['Contrat', 'Participant', 'Employeur', 'Marché', 'Heures travaillées', 'Heures de formation', 'État']}
              rows={lines.map((line) => [
                line.workContractRef,
                line.participant,
                line.employer,
                line.marketRef,
                cell(line, WORKED, 'hoursWorked', 'Heures travaillées', line.hoursWorked),
                cell(line, TRAINING, 'trainingHours', 'Heures de formation', line.trainingHours),
                state(line),
              ])}
            />
            <button class="fr-btn" type="submit">
              Enregistrer les heures de {monthName(month)}
            </button>
          </form>
        )}
        <Pagination page={view.page} pageSize={GRID_PAGE} total={total} href={(number) => gridHref({ ...view, page: number })} />
      </div>,
    );
  }

  @Get('declarations')
  @Roles(Role.Facilitator)
  @WebPage()
  async declarations(@CurrentPage() context: PageContext, @Query() raw: Record<string, string>) {
    const declared = await this.hours.list(scopeOf(context.principal), await validateAs(HoursListQuery, { status: 'DECLARED', pageSize: '200', sort: 'month' }));
    return page(
      { title: 'Déclarations à valider', context, breadcrumbs: [['Accueil', '/'], ['Déclarations']] },
      <div>
        <h1>Déclarations à valider</h1>
        {raw.validees ? <Alert kind="success" title={`${raw.validees} déclaration${Number(raw.validees) > 1 ? 's' : ''} validée${Number(raw.validees) > 1 ? 's' : ''}`} /> : null}
        {raw.dejaTraitees && raw.dejaTraitees !== '0' ? <Alert kind="warning" title={`${raw.dejaTraitees} déclaration(s) déjà traitée(s) entre-temps : rien n’a changé pour elles`} /> : null}
        {raw.rejetee ? <Alert kind="success" title="Déclaration rejetée : l’entreprise voit le motif" /> : null}
        <p>Les heures que les entreprises déclarent ne comptent qu’une fois validées. Validez-les une à une, ou cochez-en plusieurs ; rejetez-les avec un motif.</p>
        {declared.total === 0 ? (
          <Alert kind="info" title="Aucune déclaration en attente" />
        ) : (
          <form method="post" action="/declarations">
            <CsrfField token={context.csrfToken} />
            <Table
              caption={`${declared.total} déclaration${declared.total > 1 ? 's' : ''} en attente`}
              head={['Sélection', 'Contrat', 'Marché', 'Mois', 'Heures travaillées', 'Heures de formation', 'Actions']}
              rows={declared.items.map((entry) => [
                <div class="fr-checkbox-group">
                  <input type="checkbox" id={`choix-${entry.id}`} name="ids" value={entry.id} />
                  <label class="fr-label" for={`choix-${entry.id}`}>
                    <span class="fr-sr-only">
                      Sélectionner {String(entry.workContractRef)}, {monthName(String(entry.month))}
                    </span>
                  </label>
                </div>,
                String(entry.workContractRef),
                String(entry.marketRef ?? '—'),
                monthName(String(entry.month)),
                hours(entry.hoursWorked as string),
                hours(entry.trainingHours as string),
                <ul class="fr-btns-group fr-btns-group--inline fr-btns-group--sm">
                  <li>
                    <button class="fr-btn fr-btn--sm" type="submit" name="valider" value={entry.id}>
                      Valider<span class="fr-sr-only"> {String(entry.workContractRef)}, {monthName(String(entry.month))}</span>
                    </button>
                  </li>
                  <li>
                    <a class="fr-btn fr-btn--sm fr-btn--secondary" href={`/declarations/${entry.id}/rejet`}>
                      Rejeter<span class="fr-sr-only"> {String(entry.workContractRef)}, {monthName(String(entry.month))}</span>
                    </a>
                  </li>
                </ul>,
              ])}
            />
            <button class="fr-btn" type="submit" name="valider" value="selection">
              Valider la sélection
            </button>
          </form>
        )}
      </div>,
    );
  }

  @Post('declarations')
  @Roles(Role.Facilitator)
  @WebPage()
  async validate(@CurrentPage() context: PageContext, @Body() form: FormValues, @Res() reply: FastifyReply) {
    const chosen = single(form.valider);
    const selected = [form.ids ?? []].flat();
    const ids = (chosen === 'selection' ? selected : chosen ? [chosen] : []).map((id) => new UuidParamPipe('ids').transform(id));
    if (ids.length === 0) throw InvalidError.field('ids', 'cochez au moins une déclaration à valider');
    let validated = 0;
    let alreadyDecided = 0;
    // Each decision is its own: one decided meanwhile by someone else does not hold back the others.
    for (const id of ids) {
      try {
        await this.hours.decide(scopeOf(context.principal), context.principal, id, 'VALIDATED');
        validated += 1;
      } catch (error) {
        if (!(error instanceof ConflictError)) throw error;
        alreadyDecided += 1;
      }
    }
    reply.redirect(`/declarations?validees=${validated}&dejaTraitees=${alreadyDecided}`, 303);
  }

  @Get('declarations/:id/rejet')
  @Roles(Role.Facilitator)
  @WebPage()
  async rejectForm(@CurrentPage() context: PageContext, @Param('id', new UuidParamPipe()) id: string) {
    return this.rejectPage(context, id, '', []);
  }

  @Post('declarations/:id/rejet')
  @Roles(Role.Facilitator)
  @WebPage()
  async reject(@CurrentPage() context: PageContext, @Param('id', new UuidParamPipe()) id: string, @Body() form: FormValues, @Res() reply: FastifyReply) {
    const reason = single(form.reason) ?? '';
    const outcome = await submit(RejectHoursDto, { reason }, (checked) => this.hours.decide(scopeOf(context.principal), context.principal, id, 'REJECTED', (checked as RejectHoursDto).reason));
    if ('problems' in outcome) return reply.status(400).type('text/html; charset=utf-8').send(await this.rejectPage(context, id, reason, outcome.problems));
    reply.redirect('/declarations?rejetee=1', 303);
  }

  private async rejectPage(context: PageContext, id: string, reason: string, problems: FieldProblem[]): Promise<string> {
    const entry = await this.hours.get(scopeOf(context.principal), id);
    return page(
      { title: problems.length > 0 ? 'Erreur — Rejeter une déclaration' : 'Rejeter une déclaration', context, breadcrumbs: [['Accueil', '/'], ['Déclarations', '/declarations'], ['Rejeter']] },
      <div class="fr-grid-row">
        <div class="fr-col-12 fr-col-lg-8">
          <h1>Rejeter une déclaration</h1>
          <p>
            Contrat {String(entry.workContractRef)}, {monthName(String(entry.month))} : {hours(entry.hoursWorked as string)} travaillées et {hours(entry.trainingHours as string)} de formation.
          </p>
          <ErrorSummary problems={problems} labels={{ reason: 'Motif du rejet' }} />
          <form method="post" action={`/declarations/${id}/rejet`}>
            <CsrfField token={context.csrfToken} />
            <TextArea name="reason" label="Motif du rejet" hint="L’entreprise le lit avant de déclarer de nouveau (3 à 500 caractères)." value={reason} error={problems.find((problem) => problem.champ === 'reason')?.message} required />
            <FormButtons label="Rejeter la déclaration" cancel="/declarations" />
          </form>
        </div>
      </div>,
    );
  }
}
