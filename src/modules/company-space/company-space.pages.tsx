import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Roles } from '../../platform/auth/access.decorators';
import { Principal, scopeOf } from '../../platform/auth/principal';
import { Role } from '../../platform/auth/roles';
import { Clock } from '../../platform/clock';
import { FieldProblem, InvalidError, NotFoundError } from '../../platform/http/domain-errors';
import { UuidParamPipe } from '../../platform/http/uuid-param.pipe';
import { validateAs } from '../../platform/http/validation.pipe';
import { Alert, Badge, ErrorSummary, Pagination, Table, withQuery } from '../../platform/web/components';
import { day, hours, integer, monthName, percent } from '../../platform/web/format';
import { single } from '../../platform/web/forms';
import type { FormValues } from '../../platform/web/forms';
import { h } from '../../platform/web/jsx';
import { CsrfField, page } from '../../platform/web/layout';
import { monthParameter } from '../../platform/web/months';
import { CurrentPage, WebPage } from '../../platform/web/web-request';
import type { PageContext } from '../../platform/web/web-request';
import { HoursListQuery } from '../hours/dto/hours.dto';
import { HoursService } from '../hours/hours.service';
import { cellsOf, gridLabels, MonthGridTable, MonthNavigation } from '../hours/hours.views';
import { CompanySpaceRepository } from './company-space.repository';

const ROLE_NAMES: Record<string, string> = { HOLDER: 'Titulaire', CO_CONTRACTOR: 'Cotraitant', SUBCONTRACTOR: 'Sous-traitant' };
const STATUS: Record<string, [string, 'success' | 'new' | 'warning']> = { VALIDATED: ['Validée', 'success'], DECLARED: ['Déclarée', 'new'], REJECTED: ['Rejetée', 'warning'] };

function siretOf(principal: Principal): string {
  const scope = scopeOf(principal);
  if (scope.kind !== 'company') throw new Error('company pages reached by another role');
  return scope.siret;
}

/**
 * The company's space: the markets it was awarded with its share and its hours, the monthly declaration of the
 * contracts it employs, what became of each declaration, and a printable summary per market.
 */
@ApiExcludeController()
@Controller('entreprise')
export class CompanySpacePagesController {
  constructor(
    private readonly repository: CompanySpaceRepository,
    private readonly hours: HoursService,
    private readonly clock: Clock,
  ) {}

  @Get()
  @Roles(Role.Company)
  @WebPage()
  async awards(@CurrentPage() context: PageContext) {
    const awards = await this.repository.awards(siretOf(context.principal));
    return page(
      { title: 'Mes marchés', context, breadcrumbs: [['Accueil', '/'], ['Mes marchés']] },
      <div>
        <h1>Mes marchés</h1>
        <p>Les marchés qui vous sont attribués, dans toutes les structures qui les suivent : l’objectif du marché, votre part et les heures validées à ce jour.</p>
        <Table
          caption={`${awards.length} attribution${awards.length > 1 ? 's' : ''}`}
          head={['Marché', 'Acheteur', 'Suivi par', 'Période', 'Votre rôle', 'Objectif du marché', 'Votre part', 'Heures validées', 'Réalisation de votre part']}
          rows={awards.map((award) => [
            <a href={`/entreprise/marches/${award.marketId}`}>
              {award.marketRef} — {award.title}
            </a>,
            award.buyerName,
            award.structureName,
            `${day(award.startDate)} → ${day(award.endDate)}`,
            ROLE_NAMES[award.role] ?? award.role,
            hours(award.marketObjective),
            hours(award.share),
            hours(award.validatedHours),
            award.share && Number(award.share) > 0 ? percent(Math.round((Number(award.validatedHours) / Number(award.share)) * 1000) / 10) : '—',
          ])}
          empty="Aucun marché ne vous est attribué"
        />
      </div>,
    );
  }

  @Get('declaration')
  @Roles(Role.Company)
  @WebPage()
  async declarationForm(@CurrentPage() context: PageContext, @Query() raw: Record<string, string>) {
    return this.declarationPage(context, monthParameter(raw.mois, this.clock.now()), {}, [], raw.envoyee === '1');
  }

  /** The month's hours, declared in one go: all accepted, or none and each refused cell marked. */
  @Post('declaration')
  @Roles(Role.Company)
  @WebPage()
  async declare(@CurrentPage() context: PageContext, @Body() form: FormValues, @Res() reply: FastifyReply) {
    const month = monthParameter(single(form.mois), this.clock.now());
    try {
      await this.hours.declareMonth(scopeOf(context.principal), context.principal, month, cellsOf(form));
    } catch (error) {
      if (!(error instanceof InvalidError)) throw error;
      return reply.status(400).type('text/html; charset=utf-8').send(await this.declarationPage(context, month, form, error.problems, false));
    }
    reply.redirect(`/entreprise/declaration?mois=${month}&envoyee=1`, 303);
  }

  @Get('heures')
  @Roles(Role.Company)
  @WebPage()
  async entries(@CurrentPage() context: PageContext, @Query('page') asked: unknown) {
    const query = await validateAs(HoursListQuery, { sort: '-month', pageSize: '50', page: typeof asked === 'string' && asked !== '' ? asked : undefined });
    const entries = await this.hours.list(scopeOf(context.principal), query);
    return page(
      { title: 'Mes heures déclarées', context, breadcrumbs: [['Accueil', '/'], ['Mes heures déclarées']] },
      <div>
        <h1>Mes heures déclarées</h1>
        <p>Chaque déclaration est validée ou rejetée par le facilitateur. Une déclaration rejetée se corrige dans la déclaration du mois.</p>
        <Table
          caption={`${entries.total} saisie${entries.total > 1 ? 's' : ''} d’heures`}
          head={['Mois', 'Contrat', 'Marché', 'Heures travaillées', 'Heures de formation', 'État', 'Motif du rejet']}
          rows={entries.items.map((entry) => [
            monthName(String(entry.month)),
            String(entry.workContractRef),
            String(entry.marketRef ?? '—'),
            hours(entry.hoursWorked as string),
            hours(entry.trainingHours as string),
            <Badge kind={STATUS[String(entry.status)]?.[1] ?? 'new'}>{STATUS[String(entry.status)]?.[0] ?? String(entry.status)}</Badge>,
            entry.status === 'REJECTED' ? (
              <span>
                {String(entry.rejectionReason ?? '')}{' '}
                <a class="fr-link" href={`/entreprise/declaration?mois=${String(entry.month)}`}>
                  Corriger<span class="fr-sr-only"> {String(entry.workContractRef)}, {monthName(String(entry.month))}</span>
                </a>
              </span>
            ) : (
              '—'
            ),
          ])}
          empty="Aucune heure déclarée"
        />
        <Pagination page={entries.page} pageSize={entries.pageSize} total={entries.total} href={(number) => withQuery('/entreprise/heures', { page: number })} />
      </div>,
    );
  }

  /** A market's summary for the company, to print: its validated hours month by month and the people employed. */
  @Get('marches/:id')
  @Roles(Role.Company)
  @WebPage()
  async summary(@CurrentPage() context: PageContext, @Param('id', new UuidParamPipe()) id: string) {
    const siret = siretOf(context.principal);
    const [award] = await this.repository.awards(siret, id);
    if (!award) throw new NotFoundError('Marché');
    const [months, people] = await Promise.all([this.repository.months(siret, id), this.repository.people(siret, id)]);
    const totals = months.reduce((sum, month) => ({ worked: sum.worked + Number(month.worked), training: sum.training + Number(month.training) }), { worked: 0, training: 0 });
    return page(
      { title: `Synthèse du marché ${award.marketRef}`, context, breadcrumbs: [['Accueil', '/'], ['Mes marchés', '/entreprise'], [award.marketRef]] },
      <div>
        <h1>
          Synthèse du marché {award.marketRef} — {award.title}
        </h1>
        <p>
          Acheteur : {award.buyerName}. Suivi par : {award.structureName}. Période : {day(award.startDate)} → {day(award.endDate)}. Votre rôle : {ROLE_NAMES[award.role] ?? award.role}.
        </p>
        <p>
          Objectif du marché : {hours(award.marketObjective)} ; votre part : {hours(award.share)} ; heures validées : {hours(award.validatedHours)}. Personnes employées sur le marché :{' '}
          {integer(people)}.
        </p>
        <Table
          caption="Vos heures validées, mois par mois"
          head={['Mois', 'Heures travaillées', 'Heures de formation', 'Personnes']}
          rows={[
            ...months.map((month) => [monthName(month.month), hours(month.worked), hours(month.training), integer(month.people)]),
            ...(months.length > 0 ? [[<strong>Total</strong>, <strong>{hours(totals.worked)}</strong>, <strong>{hours(totals.training)}</strong>, <strong>{integer(people)}</strong>]] : []),
          ]}
          empty="Aucune heure validée"
        />
        <p class="fr-text--sm ct-no-print">Pour imprimer cette synthèse, utilisez la commande « Imprimer » de votre navigateur : seul son contenu est imprimé.</p>
      </div>,
    );
  }

  private async declarationPage(context: PageContext, month: string, submitted: FormValues, problems: FieldProblem[], sent: boolean): Promise<string> {
    const lines = await this.hours.companyMonthGrid(scopeOf(context.principal), month);
    return page(
      { title: problems.length > 0 ? `Erreur — Déclaration de ${monthName(month)}` : `Déclaration de ${monthName(month)}`, context, breadcrumbs: [['Accueil', '/'], ['Déclaration du mois']] },
      <div>
        <h1>Déclaration de {monthName(month)}</h1>
        <MonthNavigation month={month} action="/entreprise/declaration" hrefOf={(other) => `/entreprise/declaration?mois=${other}`} />
        {sent ? <Alert kind="success" title="Déclaration envoyée : le facilitateur la valide" /> : null}
        {problems.length > 0 ? (
          <div>
            <Alert kind="error" title="Rien n’a été envoyé">
              <p>Corrigez les cellules signalées puis envoyez de nouveau : la déclaration part en entier ou pas du tout.</p>
            </Alert>
            <ErrorSummary problems={problems} labels={gridLabels(lines)} />
          </div>
        ) : null}
        <p>
          Les heures travaillées et de formation de chaque contrat que vous employez sur vos marchés ce mois-là. Une ligne laissée vide n’envoie rien ; des heures
          rejetées se corrigent ici ; des heures validées ne se changent plus que par le facilitateur.
        </p>
        {lines.length === 0 ? (
          <Alert kind="info" title={`Aucun contrat en cours en ${monthName(month)}`} />
        ) : (
          <form method="post" action="/entreprise/declaration" class="ct-grid" novalidate>
            <CsrfField token={context.csrfToken} />
            <input type="hidden" name="mois" value={month} />
            <MonthGridTable lines={lines} author="company" submitted={submitted} problems={problems} caption={`${lines.length} contrat${lines.length > 1 ? 's' : ''} en cours en ${monthName(month)}`} />
            <button class="fr-btn" type="submit">
              Envoyer la déclaration de {monthName(month)}
            </button>
          </form>
        )}
      </div>,
    );
  }
}
