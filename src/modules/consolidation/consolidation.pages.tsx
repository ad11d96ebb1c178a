import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Roles } from '../../platform/auth/access.decorators';
import { Role } from '../../platform/auth/roles';
import { FieldProblem } from '../../platform/http/domain-errors';
import { attachment } from '../../platform/http/files';
import { UuidParamPipe } from '../../platform/http/uuid-param.pipe';
import { validateAs } from '../../platform/http/validation.pipe';
import { Badge, ErrorSummary, Pagination, SelectField, Table, TextField, withQuery } from '../../platform/web/components';
import { figure, moment } from '../../platform/web/format';
import { single, submit } from '../../platform/web/forms';
import type { FormValues } from '../../platform/web/forms';
import { h, Html } from '../../platform/web/jsx';
import { CsrfField, page } from '../../platform/web/layout';
import { CurrentPage, WebPage } from '../../platform/web/web-request';
import type { PageContext } from '../../platform/web/web-request';
import { ConsolidationService, requesterOf } from './consolidation.service';
import { ConsolidationDto, ConsolidationListQuery, RequestConsolidationDto } from './dto/consolidation.dto';
import { figureLabel } from './consolidation.labels';
import { reportFileName } from './consolidation.rules';
import { reportCsvArchive } from './render/report-csv';
import { reportHtml } from './render/report-html';
import { reportXlsx } from './render/report-xlsx';

const READERS = [Role.Admin, Role.National, Role.Facilitator, Role.Buyer];
const CHOOSES_SCOPE = [Role.Admin, Role.National];

const STATUS: Record<string, [string, 'info' | 'success' | 'error' | 'new']> = {
  QUEUED: ['En attente', 'new'],
  RUNNING: ['En cours', 'info'],
  DONE: ['Terminée', 'success'],
  FAILED: ['Échouée', 'error'],
};

function scopeText(snapshot: ConsolidationDto): string {
  return snapshot.scope.kind === 'national' ? 'National' : snapshot.scope.kind === 'structure' ? `Structure ${snapshot.scope.ref ?? ''}` : `Acheteur ${snapshot.scope.ref ?? ''}`;
}


/** A consolidation's progress: stage and percentage; htmx asks again every second until it is over. */
function Progress({ snapshot }: { snapshot: ConsolidationDto }): Html {
  const running = snapshot.status === 'QUEUED' || snapshot.status === 'RUNNING';
  return (
    <div id="progression" hx-get={running ? `/rapports/${snapshot.id}/progression` : undefined} hx-trigger={running ? 'every 1s' : undefined} hx-swap="outerHTML">
      <label class="fr-label" for="barre-progression">
        {STATUS[snapshot.status]?.[0] ?? snapshot.status} : {snapshot.progress} %{snapshot.stage ? ` — ${snapshot.stage}` : ''}
      </label>
      <progress id="barre-progression" class="ct-progress" max="100" value={String(snapshot.progress)}>
        {snapshot.progress} %
      </progress>
      {snapshot.status === 'FAILED' ? <p class="fr-error-text">{snapshot.error ?? 'Échec'}</p> : null}
    </div>
  );
}

/** Consolidations as pages: request one, follow it, read its report, download it, compare two snapshots. */
@ApiExcludeController()
@Controller('rapports')
export class ConsolidationPagesController {
  constructor(private readonly consolidations: ConsolidationService) {}

  @Get()
  @Roles(...READERS)
  @WebPage()
  async list(@CurrentPage() context: PageContext, @Query() raw: Record<string, string>) {
    return this.listPage(context, raw, {}, []);
  }

  @Post()
  @Roles(...READERS)
  @WebPage()
  async request(@CurrentPage() context: PageContext, @Body() form: FormValues, @Res() reply: FastifyReply) {
    const year = single(form.year) ?? '';
    const kind = single(form.scope);
    const ref = single(form.ref)?.trim();
    // A national staff member chooses the scope; anyone else consolidates their own (the service's default).
    const scope = CHOOSES_SCOPE.includes(context.principal.role) && kind ? { kind, ref: kind === 'national' ? null : ref || null } : undefined;
    const outcome = await submit(RequestConsolidationDto, { year: /^\d+$/.test(year) ? Number(year) : year, scope }, (checked) =>
      this.consolidations.request(requesterOf(context.principal), checked as RequestConsolidationDto),
    );
    if ('problems' in outcome) return reply.status(400).type('text/html; charset=utf-8').send(await this.listPage(context, {}, form, outcome.problems));
    reply.redirect(`/rapports/${outcome.done.id}`, 303);
  }

  @Get('ecarts')
  @Roles(...READERS)
  @WebPage()
  async diff(@CurrentPage() context: PageContext, @Query('de') from: unknown, @Query('a') to: unknown) {
    const fromId = new UuidParamPipe('de').transform(String(from ?? ''));
    const toId = new UuidParamPipe('a').transform(String(to ?? ''));
    const diff = await this.consolidations.diff(requesterOf(context.principal), fromId, toId);
    return page(
      { title: 'Écarts entre deux instantanés', context, breadcrumbs: [['Accueil', '/'], ['Consolidations', '/rapports'], ['Écarts']] },
      <div>
        <h1>Écarts entre deux instantanés</h1>
        <p>
          De l’instantané du {moment(diff.from.requestedAt)} ({scopeText(diff.from)}, {diff.from.year}) à celui du {moment(diff.to.requestedAt)} ({scopeText(diff.to)}, {diff.to.year}) :{' '}
          {diff.sameData ? 'mêmes données lues.' : 'les données lues diffèrent.'}
        </p>
        <Table
          caption={`${diff.changes.length} chiffre${diff.changes.length > 1 ? 's' : ''} modifié${diff.changes.length > 1 ? 's' : ''}`}
          head={['Chiffre', 'Avant', 'Après', 'Écart']}
          rows={diff.changes.map((change) => [
            <span>
              {figureLabel(change.figure)}
              <br />
              <span class="fr-text--xs">{change.figure}</span>
            </span>,
            figure(change.before),
            figure(change.after),
            change.before !== null && change.after !== null ? `${change.after - change.before > 0 ? '+' : ''}${figure(Math.round((change.after - change.before) * 100) / 100)}` : '—',
          ])}
          empty="Aucun chiffre ne change"
        />
      </div>,
    );
  }

  @Get(':id')
  @Roles(...READERS)
  @WebPage()
  async show(@CurrentPage() context: PageContext, @Param('id', new UuidParamPipe()) id: string) {
    const snapshot = await this.consolidations.get(requesterOf(context.principal), id);
    const base = `/rapports/${id}`;
    return page(
      { title: `Consolidation ${snapshot.year}`, context, breadcrumbs: [['Accueil', '/'], ['Consolidations', '/rapports'], [`${snapshot.year} — ${scopeText(snapshot)}`]] },
      <div>
        <h1>
          Consolidation {snapshot.year} — {scopeText(snapshot)}
        </h1>
        <p>
          Demandée par {snapshot.requestedBy} le {moment(snapshot.requestedAt)}. {snapshot.summary}
        </p>
        <Progress snapshot={snapshot} />
        {snapshot.status === 'FAILED' ? (
          <form method="post" action={`${base}/relancer`} class="fr-my-2w">
            <CsrfField token={context.csrfToken} />
            <button class="fr-btn" type="submit">
              Relancer le calcul
            </button>
          </form>
        ) : null}
        {snapshot.status === 'DONE' ? (
          <div>
            <h2>Téléchargements</h2>
            <ul>
              <li>
                <a class="fr-link fr-icon-download-line fr-link--icon-left" href={`${base}/rapport.xlsx`} download>
                  Classeur XLSX (un onglet par tableau)
                </a>
              </li>
              <li>
                <a class="fr-link fr-icon-download-line fr-link--icon-left" href={`${base}/rapport.csv`} download>
                  Tableaux CSV (archive ZIP)
                </a>
              </li>
              <li>
                <a class="fr-link fr-icon-download-line fr-link--icon-left" href={`${base}/rapport.html`} download>
                  Rapport HTML imprimable
                </a>
              </li>
              <li>
                <a class="fr-link fr-icon-download-line fr-link--icon-left" href={`${base}/rapport.json`} download>
                  Données JSON
                </a>
              </li>
            </ul>
            <p>Empreinte des données : {snapshot.dataFingerprint ?? '—'}</p>
            <h2>Rapport</h2>
            <iframe class="ct-report" src={`${base}/rapport.html`} title={`Rapport de consolidation ${snapshot.year}, ${scopeText(snapshot)}`}></iframe>
          </div>
        ) : null}
      </div>,
    );
  }

  /** A failed consolidation computed again (after its cause was fixed), from the same request. */
  @Post(':id/relancer')
  @Roles(...READERS)
  @WebPage()
  async retry(@CurrentPage() context: PageContext, @Param('id', new UuidParamPipe()) id: string, @Res() reply: FastifyReply) {
    await this.consolidations.retry(requesterOf(context.principal), id);
    reply.redirect(`/rapports/${id}`, 303);
  }

  /** The progress fragment; once the consolidation is over, the page reloads itself to show the report. */
  @Get(':id/progression')
  @Roles(...READERS)
  @WebPage()
  async progress(@CurrentPage() context: PageContext, @Param('id', new UuidParamPipe()) id: string, @Res() reply: FastifyReply) {
    const snapshot = await this.consolidations.get(requesterOf(context.principal), id);
    if (snapshot.status === 'DONE') reply.header('HX-Refresh', 'true');
    reply.type('text/html; charset=utf-8').send((<Progress snapshot={snapshot} />).markup);
  }

  @Get(':id/rapport.html')
  @Roles(...READERS)
  @WebPage()
  async html(@CurrentPage() context: PageContext, @Param('id', new UuidParamPipe()) id: string) {
    return reportHtml(await this.consolidations.report(requesterOf(context.principal), id));
  }

  @Get(':id/rapport.xlsx')
  @Roles(...READERS)
  @WebPage()
  async xlsx(@CurrentPage() context: PageContext, @Param('id', new UuidParamPipe()) id: string, @Res() reply: FastifyReply) {
    const report = await this.consolidations.report(requesterOf(context.principal), id);
    reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').header('Content-Disposition', attachment(reportFileName(report, 'xlsx'))).send(await reportXlsx(report));
  }

  @Get(':id/rapport.csv')
  @Roles(...READERS)
  @WebPage()
  async csv(@CurrentPage() context: PageContext, @Param('id', new UuidParamPipe()) id: string, @Res() reply: FastifyReply) {
    const report = await this.consolidations.report(requesterOf(context.principal), id);
    reply.type('application/zip').header('Content-Disposition', attachment(reportFileName(report, 'zip'))).send(await reportCsvArchive(report));
  }

  @Get(':id/rapport.json')
  @Roles(...READERS)
  @WebPage()
  async json(@CurrentPage() context: PageContext, @Param('id', new UuidParamPipe()) id: string, @Res() reply: FastifyReply) {
    const report = await this.consolidations.report(requesterOf(context.principal), id);
    reply.type('application/json; charset=utf-8').header('Content-Disposition', attachment(reportFileName(report, 'json'))).send(JSON.stringify(report, null, 2));
  }

  private async listPage(context: PageContext, raw: Record<string, string>, form: FormValues, problems: FieldProblem[]): Promise<string> {
    const requester = requesterOf(context.principal);
    const query = await validateAs(ConsolidationListQuery, { page: raw.page || undefined, pageSize: '20' });
    const snapshots = await this.consolidations.list(requester, query);
    const choosesScope = CHOOSES_SCOPE.includes(context.principal.role);
    const finished = snapshots.items.filter((snapshot) => snapshot.status === 'DONE');
    const error = (field: string) => problems.find((problem) => problem.champ === field || problem.champ.startsWith(`${field}.`))?.message;
    return page(
      { title: problems.length > 0 ? 'Erreur — Consolidations' : 'Consolidations', context, breadcrumbs: [['Accueil', '/'], ['Consolidations']] },
      <div>
        <h1>Consolidations</h1>
        <h2>Demander une consolidation</h2>
        <ErrorSummary problems={problems} labels={{ year: 'Année', scope: 'Périmètre', 'scope.ref': 'Référence', 'scope.kind': 'Périmètre' }} />
        <form method="post" action="/rapports" class="fr-mb-4w">
          <CsrfField token={context.csrfToken} />
          <div class="fr-grid-row fr-grid-row--gutters">
            <div class="fr-col-12 fr-col-md-3">
              <TextField name="year" label="Année" inputmode="numeric" value={single(form.year)} error={error('year')} required />
            </div>
            {choosesScope ? (
              <div class="fr-col-12 fr-col-md-4">
                <SelectField
                  name="scope"
                  label="Périmètre"
                  value={single(form.scope) ?? 'national'}
                  empty="National"
                  options={[['national', 'National'], ['structure', 'Une structure'], ['buyer', 'Un acheteur (SIRET)']]}
                  error={error('scope')}
                />
              </div>
            ) : null}
            {choosesScope ? (
              <div class="fr-col-12 fr-col-md-5">
                <TextField name="ref" label="Référence de la structure ou SIRET de l’acheteur" value={single(form.ref)} hint="Vide pour le national" error={error('scope.ref')} />
              </div>
            ) : null}
          </div>
          {!choosesScope ? <p class="fr-text--sm">Périmètre : {context.principal.role === Role.Buyer ? 'vos marchés (partie clause)' : 'votre structure'}.</p> : null}
          <button class="fr-btn" type="submit">
            Lancer la consolidation
          </button>
        </form>

        <h2>Instantanés</h2>
        <Table
          caption={`${snapshots.total} instantané${snapshots.total > 1 ? 's' : ''}`}
          head={['Demandée le', 'Par', 'Année', 'Périmètre', 'État', 'Empreinte', 'Par rapport au précédent']}
          rows={snapshots.items.map((snapshot) => [
            <a href={`/rapports/${snapshot.id}`}>{moment(snapshot.requestedAt)}</a>,
            snapshot.requestedBy,
            String(snapshot.year),
            scopeText(snapshot),
            <Badge kind={STATUS[snapshot.status]?.[1] ?? 'info'}>{STATUS[snapshot.status]?.[0] ?? snapshot.status}</Badge>,
            snapshot.dataFingerprint ? snapshot.dataFingerprint.slice(0, 12) : '—',
            snapshot.sameDataAsPrevious === null ? '—' : snapshot.sameDataAsPrevious ? 'Mêmes données' : 'Données changées',
          ])}
          empty="Aucune consolidation pour l’instant"
        />
        <Pagination page={snapshots.page} pageSize={snapshots.pageSize} total={snapshots.total} href={(number) => withQuery('/rapports', { page: number })} />
        {finished.length >= 2 ? (
          <form method="get" action="/rapports/ecarts" class="fr-mt-4w">
            <h2>Comparer deux instantanés</h2>
            <div class="fr-grid-row fr-grid-row--gutters">
              <div class="fr-col-12 fr-col-md-6">
                <SelectField name="de" label="Instantané de départ" value={finished[1]!.id} options={finished.map((snapshot) => [snapshot.id, `${moment(snapshot.requestedAt)} — ${snapshot.year}, ${scopeText(snapshot)}`])} required />
              </div>
              <div class="fr-col-12 fr-col-md-6">
                <SelectField name="a" label="Instantané d’arrivée" value={finished[0]!.id} options={finished.map((snapshot) => [snapshot.id, `${moment(snapshot.requestedAt)} — ${snapshot.year}, ${scopeText(snapshot)}`])} required />
              </div>
            </div>
            <button class="fr-btn fr-btn--secondary" type="submit">
              Voir les écarts
            </button>
          </form>
        ) : null}
      </div>,
    );
  }
}
