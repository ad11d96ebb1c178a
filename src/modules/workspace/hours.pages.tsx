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
import { Alert, ErrorSummary, FormButtons, Pagination, Table, TextArea, TextField, withQuery } from '../../platform/web/components';
import { hours, monthName } from '../../platform/web/format';
import { single, submit } from '../../platform/web/forms';
import type { FormValues } from '../../platform/web/forms';
import { h } from '../../platform/web/jsx';
import { CsrfField, page } from '../../platform/web/layout';
import { CurrentPage, WebPage } from '../../platform/web/web-request';
import type { PageContext } from '../../platform/web/web-request';
import { HoursListQuery, RejectHoursDto } from '../hours/dto/hours.dto';
import { MAX_MONTHLY_HOURS } from '../hours/hours.rules';
import { HoursService } from '../hours/hours.service';
import { cellsOf, gridLabels, MonthGridTable, MonthNavigation } from '../hours/hours.views';
import { monthParameter } from '../../platform/web/months';


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
    const month = monthParameter(raw.mois, this.clock.now());
    const page = raw.page === undefined || raw.page === '' ? 1 : Number(raw.page);
    if (!Number.isInteger(page) || page < 1) throw InvalidError.field('page', 'doit être un nombre entier de 1 au moins');
    return { month, marketRef: raw.marche?.trim() || undefined, page };
  }

  private async gridPage(context: PageContext, view: GridView, submitted: FormValues, problems: FieldProblem[], saved: boolean): Promise<string> {
    const { month } = view;
    const { lines, total } = await this.hours.monthGrid(scopeOf(context.principal), month, { marketRef: view.marketRef, offset: (view.page - 1) * GRID_PAGE, limit: GRID_PAGE });
    const labels = gridLabels(lines);
    return page(
      { title: problems.length > 0 ? `Erreur — Heures de ${monthName(month)}` : `Heures de ${monthName(month)}`, context, breadcrumbs: [['Accueil', '/'], ['Heures du mois']] },
      <div>
        <h1>Heures de {monthName(month)}</h1>
        <MonthNavigation month={month} action="/heures" hrefOf={(other) => gridHref({ ...view, month: other, page: 1 })}>
          <div class="fr-col-12 fr-col-md-4">
            <TextField name="marche" label="Marché" value={view.marketRef} hint="Référence d’un marché ; vide : tous" />
          </div>
        </MonthNavigation>
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
            <MonthGridTable
              lines={lines}
              author="facilitator"
              submitted={submitted}
              problems={problems}
              caption={`${total} contrat${total > 1 ? 's' : ''} en cours en ${monthName(month)}${view.marketRef ? ` sur le marché ${view.marketRef}` : ''}${
                total > GRID_PAGE ? ` — page ${view.page} sur ${Math.ceil(total / GRID_PAGE)}, enregistrée à part` : ''
              }`}
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
        <p>
          <a class="fr-link fr-icon-arrow-right-line fr-link--icon-right" href="/declarations/en-retard">
            Entreprises en retard de déclaration, après trois rappels
          </a>
        </p>
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
