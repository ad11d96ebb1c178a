import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Roles } from '../../platform/auth/access.decorators';
import { scopeOf } from '../../platform/auth/principal';
import { Role } from '../../platform/auth/roles';
import { UuidParamPipe } from '../../platform/http/uuid-param.pipe';
import { validateAs } from '../../platform/http/validation.pipe';
import { Pagination, SelectField, Table, TextField, withQuery } from '../../platform/web/components';
import { day, hours, integer, percent } from '../../platform/web/format';
import { h, Html } from '../../platform/web/jsx';
import { page } from '../../platform/web/layout';
import { CurrentPage, WebPage } from '../../platform/web/web-request';
import type { PageContext } from '../../platform/web/web-request';
import { BREAKDOWN_LABELS } from '../consolidation/consolidation.labels';
import { FULFILMENT_STATUSES, statusFilter } from '../fulfilment/fulfilment.rules';
import { FulfilmentService } from '../fulfilment/fulfilment.service';
import { FULFILMENT_STATUS_LABELS, FulfilmentChart, StatusBadge } from '../fulfilment/fulfilment.views';
import { MarketListQuery } from '../markets/dto/market.dto';
import { MarketsService } from '../markets/markets.service';

const FILTERS = ['operationRef', 'from', 'to', 'page'] as const;

/** A breakdown of the people placed, cells of 1 to 4 people (and those that would give them away) masked. */
function Breakdown({ title, counts, labels }: { title: string; counts: Record<string, number | null>; labels: Record<string, string> }): Html {
  const keys = Object.keys(labels).filter((key) => key in counts);
  return (
    <Table
      caption={title}
      head={['Catégorie', 'Personnes']}
      rows={keys.map((key) => [labels[key] ?? key, counts[key] === null ? 'secret statistique' : integer(counts[key])])}
      empty="Personne n’est encore placé sur ce marché"
    />
  );
}

/** The buyer's markets, in every structure that tracks them (by its SIRET), and each one's fulfilment. */
@ApiExcludeController()
@Controller('acheteur')
export class BuyerSpacePagesController {
  constructor(
    private readonly markets: MarketsService,
    private readonly fulfilment: FulfilmentService,
  ) {}

  @Get()
  @Roles(Role.Buyer)
  @WebPage()
  async list(@CurrentPage() context: PageContext, @Query() raw: Record<string, string>) {
    const scope = scopeOf(context.principal);
    const given = Object.fromEntries(FILTERS.map((name) => [name, raw[name] || undefined]));
    const query = await validateAs(MarketListQuery, { ...given, sort: '-startDate' });
    const status = statusFilter(raw.status);
    const among = status ? await this.fulfilment.marketsWithStatus(scope, status) : undefined;
    const result = await this.markets.list(scope, query, among);
    const figures = new Map((await this.fulfilment.figures(scope, result.items.map((market) => market.id))).map((entry) => [entry.marketId, entry]));
    return page(
      { title: 'Mes marchés', context, breadcrumbs: [['Accueil', '/'], ['Mes marchés']] },
      <div>
        <h1>Mes marchés</h1>
        <p>Vos marchés à clause sociale, dans toutes les structures qui les suivent, avec leur réalisation à ce jour.</p>
        <form method="get" action="/acheteur" class="fr-mb-3w" aria-label="Filtrer mes marchés">
          <div class="fr-grid-row fr-grid-row--gutters">
            <div class="fr-col-12 fr-col-md-3">
              <TextField name="operationRef" label="Opération (référence)" value={given.operationRef} />
            </div>
            <div class="fr-col-12 fr-col-md-3">
              <TextField name="from" label="En cours à partir du" type="date" value={given.from} />
            </div>
            <div class="fr-col-12 fr-col-md-3">
              <TextField name="to" label="En cours jusqu’au" type="date" value={given.to} />
            </div>
            <div class="fr-col-12 fr-col-md-3">
              <SelectField name="status" label="État de réalisation" empty="Tous" value={status} options={FULFILMENT_STATUSES.map((code) => [code, FULFILMENT_STATUS_LABELS[code]])} />
            </div>
          </div>
          <button class="fr-btn" type="submit">
            Filtrer
          </button>
        </form>
        <Table
          caption={`${result.total} marché${result.total > 1 ? 's' : ''}`}
          head={['Marché', 'Opération', 'Période', 'Objectif', 'Réalisé', 'Taux', 'État']}
          rows={result.items.map((market) => {
            const entry = figures.get(market.id);
            return [
              <a href={`/acheteur/marches/${market.id}`}>
                {String(market.ref)} — {String(market.title)}
              </a>,
              String(market.operationRef ?? '—'),
              `${day(market.startDate as string)} → ${day(market.endDate as string)}`,
              hours(entry?.objective),
              hours(entry?.validatedHours),
              percent(entry?.rate),
              entry ? <StatusBadge status={entry.status} /> : '—',
            ];
          })}
          empty="Aucun marché ne correspond"
        />
        <Pagination page={result.page} pageSize={result.pageSize} total={result.total} href={(number) => withQuery('/acheteur', { ...given, status }, { page: number })} />
      </div>,
    );
  }

  @Get('marches/:id')
  @Roles(Role.Buyer)
  @WebPage()
  async show(@CurrentPage() context: PageContext, @Param('id', new UuidParamPipe()) id: string) {
    const scope = scopeOf(context.principal);
    const [market, figures, people] = await Promise.all([this.markets.get(scope, id), this.fulfilment.forMarket(scope, id), this.fulfilment.participantCounts(scope, id)]);
    return page(
      { title: `Marché ${String(market.ref)}`, context, breadcrumbs: [['Accueil', '/'], ['Mes marchés', '/acheteur'], [String(market.ref)]] },
      <div>
        <h1>
          {String(market.ref)} — {String(market.title)}
        </h1>
        <p>
          <StatusBadge status={figures.status} />
        </p>
        <p>
          Période : {day(figures.startDate)} → {day(figures.endDate)}. Objectif : {hours(figures.objective)}. Heures validées : {hours(figures.validatedHours)} (attendues à date :{' '}
          {hours(figures.expectedToDate)}). Taux de réalisation : {percent(figures.rate)}.
        </p>
        <FulfilmentChart figures={figures} />
        <h2>Personnes placées</h2>
        <p>
          {people.total === null ? 'Moins de cinq personnes' : `${integer(people.total)} personne${people.total > 1 ? 's' : ''}`}. Les effectifs de 1 à 4 personnes sont masqués (secret
          statistique), ainsi que ceux qui permettraient de les retrouver par différence.
        </p>
        <div class="fr-grid-row fr-grid-row--gutters">
          <div class="fr-col-12 fr-col-md-6">
            <Breakdown title="Par sexe" counts={people.byGender} labels={BREAKDOWN_LABELS.gender} />
          </div>
          <div class="fr-col-12 fr-col-md-6">
            <Breakdown title="Par tranche d’âge" counts={people.byAgeBand} labels={BREAKDOWN_LABELS.ageBand} />
          </div>
          <div class="fr-col-12">
            <Breakdown title="Par public (une personne peut relever de plusieurs)" counts={people.byPublic} labels={BREAKDOWN_LABELS.public} />
          </div>
        </div>
        <p>
          <a class="fr-link" href="/rapports">
            Consolidation annuelle de vos marchés (XLSX, CSV, HTML)
          </a>
        </p>
      </div>,
    );
  }
}
