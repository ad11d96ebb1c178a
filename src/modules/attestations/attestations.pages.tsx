import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public, Roles } from '../../platform/auth/access.decorators';
import { scopeOf } from '../../platform/auth/principal';
import { Role } from '../../platform/auth/roles';
import { FieldProblem, NotFoundError } from '../../platform/http/domain-errors';
import { attachment } from '../../platform/http/files';
import { UuidParamPipe } from '../../platform/http/uuid-param.pipe';
import { Alert, Badge, ErrorSummary, Pagination, SelectField, Table, TextArea, TextField, withQuery } from '../../platform/web/components';
import { day, hours, monthName, moment } from '../../platform/web/format';
import { pageQueryOf, single, submit } from '../../platform/web/forms';
import type { FormValues } from '../../platform/web/forms';
import { Child, h, Html } from '../../platform/web/jsx';
import { CsrfField, page } from '../../platform/web/layout';
import { CurrentPage, WebPage } from '../../platform/web/web-request';
import type { PageContext } from '../../platform/web/web-request';
import { attestationFileName } from './attestations.controller';
import { ATTESTATION_TITLES } from './attestations.pdf';
import { AttestationRow, AttestationsRepository } from './attestations.repository';
import { AttestationFacts, formatCode } from './attestations.rules';
import { AttestationsService, VerificationStatus } from './attestations.service';
import { IssueCompanyAttestationDto, IssueMarketYearAttestationDto, RevokeAttestationDto } from './dto/attestations.dto';

const PAGE_SIZE = 20;
const FACILITATOR_PAGE = '/attestations-realisation';

const FIELD_LABELS: Record<string, string> = {
  companySiret: 'Entreprise',
  marketId: 'Marché',
  fromMonth: 'Premier mois',
  toMonth: 'Dernier mois',
  year: 'Année',
  reason: 'Motif',
};

const problemOf = (problems: FieldProblem[], field: string) => problems.find((problem) => problem.champ === field)?.message;

/** What an attestation is about, in one line. */
function subjectOf(facts: AttestationFacts): string {
  const markets = facts.markets.length === 1 ? `marché ${facts.markets[0]!.ref}` : `${facts.markets.length} marchés`;
  return facts.company ? `${facts.company.name} — ${markets}` : markets;
}

function StatusBadge({ attestation }: { attestation: AttestationRow }): Html {
  return attestation.revokedAt ? <Badge kind="error">Révoquée</Badge> : <Badge kind="success">Délivrée</Badge>;
}

/** The attestations table of a space, with the download (and, for its issuer, the revocation) of each. */
function AttestationsTable({ items, total, revocable }: { items: AttestationRow[]; total: number; revocable: boolean }): Html {
  return (
    <Table
      caption={`${total} attestation${total > 1 ? 's' : ''}`}
      head={['Objet', 'Période', 'Heures attestées', 'Délivrée le', 'Code', 'État', 'Actions']}
      rows={items.map((attestation) => [
        subjectOf(attestation.facts),
        `${day(attestation.periodFrom)} – ${day(attestation.periodTo)}`,
        hours(attestation.facts.totalHours),
        moment(attestation.issuedAt),
        formatCode(attestation.code),
        <StatusBadge attestation={attestation} />,
        <span>
          <a class="fr-link fr-icon-download-line fr-link--icon-left" href={`${FACILITATOR_PAGE}/${attestation.id}/attestation.pdf`} download={attestationFileName(attestation)}>
            PDF<span class="fr-sr-only"> de l’attestation {formatCode(attestation.code)}</span>
          </a>
          {revocable && !attestation.revokedAt ? (
            <a class="fr-link fr-ml-2w" href={`${FACILITATOR_PAGE}/${attestation.id}/revocation`}>
              Révoquer<span class="fr-sr-only"> l’attestation {formatCode(attestation.code)}</span>
            </a>
          ) : null}
        </span>,
      ])}
      empty="Aucune attestation délivrée pour le moment"
    />
  );
}

/** Issued attestations in each space, the issue forms, the PDF, the revocation, and the public verification page. */
@ApiExcludeController()
@Controller()
export class AttestationsPagesController {
  constructor(
    private readonly attestations: AttestationsService,
    private readonly repository: AttestationsRepository,
  ) {}

  @Get('attestations-realisation')
  @Roles(Role.Facilitator)
  @WebPage()
  async facilitatorList(@CurrentPage() context: PageContext, @Query() query: Record<string, unknown>) {
    return this.facilitatorPage(context, query, {}, []);
  }

  @Post('attestations-realisation')
  @Roles(Role.Facilitator)
  @WebPage()
  async issueForCompany(@CurrentPage() context: PageContext, @Body() form: FormValues, @Res() reply: FastifyReply) {
    const body = { companySiret: single(form.companySiret), marketId: single(form.marketId) || undefined, fromMonth: single(form.fromMonth), toMonth: single(form.toMonth) };
    const outcome = await submit(IssueCompanyAttestationDto, body, (checked) => this.attestations.issueForCompany(scopeOf(context.principal), context.principal, checked as IssueCompanyAttestationDto));
    if ('problems' in outcome) return reply.status(400).type('text/html; charset=utf-8').send(await this.facilitatorPage(context, {}, form, outcome.problems));
    reply.redirect(`${FACILITATOR_PAGE}?delivree=${outcome.done.id}`, 303);
  }

  @Get('attestations-realisation/:id/attestation.pdf')
  @Roles(Role.Facilitator, Role.Company, Role.Buyer)
  @WebPage()
  async download(@CurrentPage() context: PageContext, @Param('id', new UuidParamPipe('id')) id: string, @Res() reply: FastifyReply) {
    const { attestation, content } = await this.attestations.pdf(scopeOf(context.principal), id);
    reply.type('application/pdf').header('Content-Disposition', attachment(attestationFileName(attestation))).send(content);
  }

  @Get('attestations-realisation/:id/revocation')
  @Roles(Role.Facilitator, Role.Buyer)
  @WebPage()
  async revocationForm(@CurrentPage() context: PageContext, @Param('id', new UuidParamPipe('id')) id: string) {
    return this.revocationPage(context, await this.attestations.get(scopeOf(context.principal), id), {}, []);
  }

  @Post('attestations-realisation/:id/revocation')
  @Roles(Role.Facilitator, Role.Buyer)
  @WebPage()
  async revoke(@CurrentPage() context: PageContext, @Param('id', new UuidParamPipe('id')) id: string, @Body() form: FormValues, @Res() reply: FastifyReply) {
    const scope = scopeOf(context.principal);
    const outcome = await submit(RevokeAttestationDto, { reason: single(form.reason) }, (checked) => this.attestations.revoke(scope, context.principal, id, (checked as RevokeAttestationDto).reason));
    if ('problems' in outcome) return reply.status(400).type('text/html; charset=utf-8').send(await this.revocationPage(context, await this.attestations.get(scope, id), form, outcome.problems));
    reply.redirect(`${context.principal.role === Role.Buyer ? '/acheteur/attestations' : FACILITATOR_PAGE}?revoquee=1`, 303);
  }

  @Get('entreprise/attestations')
  @Roles(Role.Company)
  @WebPage()
  async companyList(@CurrentPage() context: PageContext, @Query() query: Record<string, unknown>) {
    const list = await this.attestations.list(scopeOf(context.principal), await pageQueryOf(query.page, PAGE_SIZE));
    return page(
      { title: 'Mes attestations', context, breadcrumbs: [['Accueil', '/'], ['Mes attestations']] },
      <div>
        <h1>Mes attestations de réalisation</h1>
        <p>
          Les attestations que les facilitateurs de la clause vous ont délivrées. Chacune porte un code et un QR code : qui la reçoit (un acheteur, un jury d’appel
          d’offres) la vérifie sur la page publique de vérification.
        </p>
        <AttestationsTable items={list.items} total={list.total} revocable={false} />
        <Pagination page={list.page} pageSize={list.pageSize} total={list.total} href={(number) => withQuery('/entreprise/attestations', query, { page: number })} />
      </div>,
    );
  }

  @Get('acheteur/attestations')
  @Roles(Role.Buyer)
  @WebPage()
  async buyerList(@CurrentPage() context: PageContext, @Query() query: Record<string, unknown>) {
    return this.buyerPage(context, query, {}, []);
  }

  @Post('acheteur/attestations')
  @Roles(Role.Buyer)
  @WebPage()
  async issueMarketYear(@CurrentPage() context: PageContext, @Body() form: FormValues, @Res() reply: FastifyReply) {
    const body = { marketId: single(form.marketId), year: single(form.year) };
    const outcome = await submit(IssueMarketYearAttestationDto, body, (checked) => this.attestations.issueMarketYear(scopeOf(context.principal), context.principal, checked as IssueMarketYearAttestationDto));
    if ('problems' in outcome) return reply.status(400).type('text/html; charset=utf-8').send(await this.buyerPage(context, {}, form, outcome.problems));
    reply.redirect(`/acheteur/attestations?delivree=${outcome.done.id}`, 303);
  }

  @Get('verifier')
  @Public()
  @WebPage()
  verifyForm(@Query('code') code: unknown, @Res() reply: FastifyReply) {
    if (typeof code === 'string' && code.trim()) return reply.redirect(`/verifier/${encodeURIComponent(code.trim())}`, 303);
    reply.type('text/html; charset=utf-8').send(
      page(
        { title: 'Vérifier une attestation' },
        <div class="fr-grid-row">
          <div class="fr-col-12 fr-col-lg-6">
            <h1>Vérifier une attestation de réalisation</h1>
            <form method="get" action="/verifier">
              <TextField name="code" label="Code de vérification" hint="Les 16 caractères imprimés sous le QR code, par exemple ABCD-EFGH-JKMN-PQRS" autocomplete="off" />
              <button class="fr-btn" type="submit">
                Vérifier
              </button>
            </form>
          </div>
        </div>,
      ),
    );
  }

  @Get('verifier/:code')
  @Public()
  @WebPage()
  async verify(@Param('code') code: string) {
    const verification = await this.attestations.verify(code).catch((error: unknown) => {
      if (error instanceof NotFoundError) throw new NotFoundError('Attestation : aucune attestation ne porte ce code de vérification');
      throw error;
    });
    const { attestation, status, currentTotalHours } = verification;
    const facts = attestation.facts;
    const verdicts: Record<VerificationStatus, Html> = {
      VALID: (
        <Alert kind="success" title="Attestation authentique">
          <p>Elle a été délivrée par la plateforme et les chiffres qu’elle atteste n’ont pas changé depuis.</p>
        </Alert>
      ),
      CHANGED: (
        <Alert kind="warning" title="Attestation authentique, chiffres modifiés depuis">
          <p>
            Elle a été délivrée par la plateforme, mais les heures validées de sa période ont changé depuis (correction, validation ou rejet) : la plateforme compte
            aujourd’hui {hours(currentTotalHours)} pour {hours(facts.totalHours)} attestées. Demandez une attestation à jour.
          </p>
        </Alert>
      ),
      REVOKED: (
        <Alert kind="error" title="Attestation révoquée">
          <p>
            Révoquée le {moment(attestation.revokedAt)} : {attestation.revocationReason}. Elle n’atteste plus rien.
          </p>
        </Alert>
      ),
    };
    return page(
      { title: `Vérification de l’attestation ${formatCode(attestation.code)}` },
      <div>
        <h1>Vérification de l’attestation {formatCode(attestation.code)}</h1>
        {verdicts[status]}
        <h2 class="fr-mt-4w">{ATTESTATION_TITLES[facts.kind]}</h2>
        <FactsList facts={facts} />
      </div>,
    );
  }

  private async facilitatorPage(context: PageContext, query: Record<string, unknown>, form: FormValues, problems: FieldProblem[]): Promise<string> {
    const scope = scopeOf(context.principal);
    const list = await this.attestations.list(scope, await pageQueryOf(query.page, PAGE_SIZE));
    const companies = await this.repository.companiesWithAwards(scope.kind === 'structure' ? scope.structureId : '');
    const markets = companies.flatMap((company) => company.markets.map((market) => [market.id, `${market.ref} (${company.name})`] as [string, string]));
    return page(
      { title: `${problems.length > 0 ? 'Erreur — ' : ''}Attestations de réalisation`, context, breadcrumbs: [['Accueil', '/'], ['Attestations de réalisation']] },
      <div>
        <h1>Attestations de réalisation des heures d’insertion</h1>
        {query.delivree ? <Alert kind="success" title="Attestation délivrée : l’entreprise la retrouve dans son espace" /> : null}
        {query.revoquee ? <Alert kind="success" title="Attestation révoquée : sa page de vérification le dit désormais" /> : null}
        <h2 class="fr-h4">Délivrer une attestation</h2>
        <ErrorSummary problems={problems} labels={FIELD_LABELS} />
        <form method="post" action={FACILITATOR_PAGE} class="fr-mb-6w">
          <CsrfField token={context.csrfToken} />
          <div class="fr-grid-row fr-grid-row--gutters">
            <div class="fr-col-12 fr-col-md-6">
              <SelectField name="companySiret" label="Entreprise" options={companies.map((company) => [company.siret, `${company.name} (${company.siret})`])} value={single(form.companySiret)} empty="Choisir une entreprise" error={problemOf(problems, 'companySiret')} required />
            </div>
            <div class="fr-col-12 fr-col-md-6">
              <SelectField name="marketId" label="Marché" hint="Laissez « tous ses marchés » pour attester l’ensemble de ses marchés de la structure" options={markets} value={single(form.marketId)} empty="Tous ses marchés" error={problemOf(problems, 'marketId')} />
            </div>
            <div class="fr-col-12 fr-col-md-3">
              <TextField name="fromMonth" label="Premier mois" hint="AAAA-MM" value={single(form.fromMonth)} error={problemOf(problems, 'fromMonth')} required />
            </div>
            <div class="fr-col-12 fr-col-md-3">
              <TextField name="toMonth" label="Dernier mois" hint="AAAA-MM" value={single(form.toMonth)} error={problemOf(problems, 'toMonth')} required />
            </div>
          </div>
          <button class="fr-btn fr-mt-2w" type="submit">
            Délivrer l’attestation
          </button>
        </form>
        <h2 class="fr-h4">Attestations délivrées</h2>
        <AttestationsTable items={list.items} total={list.total} revocable={true} />
        <Pagination page={list.page} pageSize={list.pageSize} total={list.total} href={(number) => withQuery(FACILITATOR_PAGE, query, { page: number })} />
      </div>,
    );
  }

  private async buyerPage(context: PageContext, query: Record<string, unknown>, form: FormValues, problems: FieldProblem[]): Promise<string> {
    const scope = scopeOf(context.principal);
    const list = await this.attestations.list(scope, await pageQueryOf(query.page, PAGE_SIZE));
    const markets = await this.repository.buyerMarkets(scope.kind === 'buyer' ? scope.siret : '');
    return page(
      { title: `${problems.length > 0 ? 'Erreur — ' : ''}États annuels de mes marchés`, context, breadcrumbs: [['Accueil', '/'], ['États annuels']] },
      <div>
        <h1>États annuels de réalisation de mes marchés</h1>
        {query.delivree ? <Alert kind="success" title="État annuel délivré" /> : null}
        {query.revoquee ? <Alert kind="success" title="État annuel révoqué : sa page de vérification le dit désormais" /> : null}
        <h2 class="fr-h4">Délivrer l’état annuel d’un marché</h2>
        <ErrorSummary problems={problems} labels={FIELD_LABELS} />
        <form method="post" action="/acheteur/attestations" class="fr-mb-6w">
          <CsrfField token={context.csrfToken} />
          <div class="fr-grid-row fr-grid-row--gutters">
            <div class="fr-col-12 fr-col-md-8">
              <SelectField name="marketId" label="Marché" options={markets.map((market) => [market.id, `${market.ref} — ${market.title}`])} value={single(form.marketId)} empty="Choisir un marché" error={problemOf(problems, 'marketId')} required />
            </div>
            <div class="fr-col-12 fr-col-md-4">
              <TextField name="year" label="Année" inputmode="numeric" value={single(form.year)} error={problemOf(problems, 'year')} required />
            </div>
          </div>
          <button class="fr-btn fr-mt-2w" type="submit">
            Délivrer l’état annuel
          </button>
        </form>
        <h2 class="fr-h4">États délivrés</h2>
        <AttestationsTable items={list.items} total={list.total} revocable={true} />
        <Pagination page={list.page} pageSize={list.pageSize} total={list.total} href={(number) => withQuery('/acheteur/attestations', query, { page: number })} />
      </div>,
    );
  }

  private revocationPage(context: PageContext, attestation: AttestationRow, form: FormValues, problems: FieldProblem[]): string {
    const back = context.principal.role === Role.Buyer ? '/acheteur/attestations' : FACILITATOR_PAGE;
    return page(
      { title: `${problems.length > 0 ? 'Erreur — ' : ''}Révoquer l’attestation ${formatCode(attestation.code)}`, context, breadcrumbs: [['Accueil', '/'], ['Attestations', back], ['Révocation']] },
      <div class="fr-grid-row">
        <div class="fr-col-12 fr-col-lg-8">
          <h1>Révoquer l’attestation {formatCode(attestation.code)}</h1>
          <p>
            {subjectOf(attestation.facts)}, du {day(attestation.periodFrom)} au {day(attestation.periodTo)} : {hours(attestation.facts.totalHours)} attestées. Une attestation
            révoquée le reste ; sa page de vérification affichera le motif.
          </p>
          <ErrorSummary problems={problems} labels={FIELD_LABELS} />
          <form method="post" action={`${FACILITATOR_PAGE}/${attestation.id}/revocation`}>
            <CsrfField token={context.csrfToken} />
            <TextArea name="reason" label="Motif de la révocation" value={single(form.reason)} error={problemOf(problems, 'reason')} required />
            <ul class="fr-btns-group fr-btns-group--inline-md">
              <li>
                <button class="fr-btn" type="submit">
                  Révoquer
                </button>
              </li>
              <li>
                <a class="fr-btn fr-btn--secondary" href={back}>
                  Annuler
                </a>
              </li>
            </ul>
          </form>
        </div>
      </div>,
    );
  }
}

/** An attestation's facts as the verification page shows them. */
function FactsList({ facts }: { facts: AttestationFacts }): Html {
  const rows: [string, Child][] = [
    ['Délivrée par', `${facts.structure.name} (${facts.issuer.role}), le ${day(facts.issuedOn)}`],
    ...(facts.company ? [['Entreprise', `${facts.company.name} (SIRET ${facts.company.siret})`] as [string, Child]] : []),
    ['Période', `du ${day(facts.period.from)} au ${day(facts.period.to)}`],
    [
      facts.markets.length > 1 ? 'Marchés' : 'Marché',
      <ul>
        {facts.markets.map((market) => (
          <li>
            {market.ref} — {market.title} ; acheteur {market.buyerName} ; objectif {hours(market.objective)}
          </li>
        ))}
      </ul>,
    ],
    ['Heures attestées', hours(facts.totalHours)],
    ['Personnes en insertion', String(facts.people)],
  ];
  return (
    <div>
      <dl>
        {rows.map(([label, value]) => [<dt class="fr-text--bold">{label}</dt>, <dd>{value}</dd>])}
      </dl>
      <Table caption="Heures validées par mois" head={['Mois', 'Heures']} rows={facts.months.map((month) => [monthName(month.month), hours(month.hours)])} empty="Aucune heure validée sur la période" />
    </div>
  );
}
