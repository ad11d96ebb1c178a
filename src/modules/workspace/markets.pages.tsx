import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Roles } from '../../platform/auth/access.decorators';
import { scopeOf } from '../../platform/auth/principal';
import { Role } from '../../platform/auth/roles';
import { UuidParamPipe } from '../../platform/http/uuid-param.pipe';
import { validateAs } from '../../platform/http/validation.pipe';
import { RecordView } from '../../platform/records/record-crud';
import { Alert, Pagination, SelectField, Table, TextField, withQuery } from '../../platform/web/components';
import { day, euros, hours, monthName, moment, percent } from '../../platform/web/format';
import { Child, h, Html } from '../../platform/web/jsx';
import { page } from '../../platform/web/layout';
import { CurrentPage, WebPage } from '../../platform/web/web-request';
import type { PageContext } from '../../platform/web/web-request';
import { AuditService } from '../audit/audit.service';
import { BuyersService } from '../buyers/buyers.service';
import { BuyerListQuery } from '../buyers/dto/buyer.dto';
import { FULFILMENT_STATUSES, statusFilter } from '../fulfilment/fulfilment.rules';
import { FulfilmentService } from '../fulfilment/fulfilment.service';
import { FULFILMENT_STATUS_LABELS, FulfilmentChart, StatusBadge } from '../fulfilment/fulfilment.views';
import { MarketListQuery } from '../markets/dto/market.dto';
import { MARKETS } from '../markets/markets.record';
import { LEGAL_BASES, SECTORS } from '../markets/markets.rules';
import { MarketsService } from '../markets/markets.service';
import { OperationListQuery } from '../operations/dto/operation.dto';
import { OperationsService } from '../operations/operations.service';
import { WorkContractListQuery } from '../work-contracts/dto/work-contract.dto';
import { WorkContractsService } from '../work-contracts/work-contracts.service';
import { valueLabel, VALUE_LABELS } from './value-labels';

/** The list's filters, under the API's names. */
const FILTERS = ['q', 'buyerRef', 'operationRef', 'sector', 'legalBasis', 'from', 'to', 'sort', 'page'] as const;

const SORTS: [string, string][] = [
  ['ref', 'Référence'],
  ['-startDate', 'Début (récents d’abord)'],
  ['endDate', 'Fin (proches d’abord)'],
  ['title', 'Objet'],
  ['-hoursObjective', 'Objectif (grands d’abord)'],
];

const AUDIT_ACTIONS: Record<string, string> = { IMPORT: 'Création par import', CREATE: 'Création', UPDATE: 'Modification', DELETE: 'Suppression', VALIDATE: 'Validation', REJECT: 'Rejet' };

/** Up to this many lists' options (buyers, operations) in the filters. */
const OPTIONS = 200;

function definitionList(items: [string, Child][]): Html {
  return (
    <dl class="fr-grid-row fr-grid-row--gutters">
      {items.map(([term, value]) => (
        <div class="fr-col-12 fr-col-md-4">
          <dt class="fr-text--sm fr-mb-0">{term}</dt>
          <dd class="fr-text--bold">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** The markets a facilitator follows: the list with their fulfilment, and each market's page. */
@ApiExcludeController()
@Controller('marches')
export class MarketsPagesController {
  constructor(
    private readonly markets: MarketsService,
    private readonly fulfilment: FulfilmentService,
    private readonly buyers: BuyersService,
    private readonly operations: OperationsService,
    private readonly contracts: WorkContractsService,
    private readonly audit: AuditService,
  ) {}

  @Get()
  @Roles(Role.Facilitator)
  @WebPage()
  async list(@CurrentPage() context: PageContext, @Query() raw: Record<string, string>) {
    const scope = scopeOf(context.principal);
    const given = Object.fromEntries(FILTERS.map((name) => [name, raw[name] || undefined]));
    const query = await validateAs(MarketListQuery, given);
    const status = statusFilter(raw.status);
    const among = status ? await this.fulfilment.marketsWithStatus(scope, status) : undefined;
    const [result, buyers, operations] = await Promise.all([
      this.markets.list(scope, query, among),
      this.buyers.list(scope, await validateAs(BuyerListQuery, { pageSize: String(OPTIONS), sort: 'name' })),
      this.operations.list(scope, await validateAs(OperationListQuery, { pageSize: String(OPTIONS), sort: 'name' })),
    ]);
    const figures = new Map((await this.fulfilment.figures(scope, result.items.map((market) => market.id))).map((entry) => [entry.marketId, entry]));
    const filters = { ...given, status };
    return page(
      { title: 'Marchés', context, breadcrumbs: [['Accueil', '/'], ['Marchés']] },
      <div>
        <div class="fr-grid-row fr-grid-row--middle fr-mb-2w">
          <h1 class="fr-col-12 fr-col-md-8 fr-mb-0">Marchés</h1>
          <div class="fr-col-12 fr-col-md-4">
            <a class="fr-btn fr-icon-add-line fr-btn--icon-left" href="/donnees/marches/nouveau">
              Créer un marché
            </a>
          </div>
        </div>
        <form method="get" action="/marches" class="fr-mb-3w" aria-label="Filtrer les marchés">
          <div class="fr-grid-row fr-grid-row--gutters">
            <div class="fr-col-12 fr-col-md-4">
              <TextField name="q" label="Recherche" hint="Référence, objet, acheteur, opération" value={given.q} type="search" />
            </div>
            <div class="fr-col-12 fr-col-md-4">
              <SelectField name="buyerRef" label="Acheteur" empty="Tous" value={given.buyerRef} options={buyers.items.map((buyer) => [String(buyer.ref), String(buyer.name)])} />
            </div>
            <div class="fr-col-12 fr-col-md-4">
              <SelectField name="operationRef" label="Opération" empty="Toutes" value={given.operationRef} options={operations.items.map((operation) => [String(operation.ref), String(operation.name)])} />
            </div>
            <div class="fr-col-12 fr-col-md-4">
              <SelectField name="sector" label="Secteur" empty="Tous" value={given.sector} options={SECTORS.map((code) => [code, valueLabel('sector', code)])} />
            </div>
            <div class="fr-col-12 fr-col-md-4">
              <SelectField name="legalBasis" label="Fondement juridique" empty="Tous" value={given.legalBasis} options={LEGAL_BASES.map((code) => [code, valueLabel('legal_basis', code)])} />
            </div>
            <div class="fr-col-12 fr-col-md-4">
              <SelectField name="status" label="État de réalisation" empty="Tous" value={status} options={FULFILMENT_STATUSES.map((code) => [code, FULFILMENT_STATUS_LABELS[code]])} />
            </div>
            <div class="fr-col-12 fr-col-md-4">
              <TextField name="from" label="En cours à partir du" type="date" value={given.from} />
            </div>
            <div class="fr-col-12 fr-col-md-4">
              <TextField name="to" label="En cours jusqu’au" type="date" value={given.to} />
            </div>
            <div class="fr-col-12 fr-col-md-4">
              <SelectField name="sort" label="Trier par" empty="Date de début" value={given.sort} options={SORTS} />
            </div>
          </div>
          <ul class="fr-btns-group fr-btns-group--inline-md">
            <li>
              <button class="fr-btn" type="submit">
                Filtrer
              </button>
            </li>
            <li>
              <a class="fr-btn fr-btn--tertiary" href="/marches">
                Effacer les filtres
              </a>
            </li>
          </ul>
        </form>
        <Table
          caption={`${result.total} marché${result.total > 1 ? 's' : ''}`}
          head={['Référence', 'Objet', 'Acheteur', 'Période', 'Objectif', 'Réalisé', 'Taux', 'État']}
          rows={result.items.map((market) => {
            const entry = figures.get(market.id);
            return [
              <a href={`/marches/${market.id}`}>{String(market.ref)}</a>,
              String(market.title),
              String(market.buyerRef),
              `${day(market.startDate as string)} → ${day(market.endDate as string)}`,
              hours(entry?.objective ?? (market.hoursObjective as string)),
              hours(entry?.validatedHours),
              percent(entry?.rate),
              entry ? <StatusBadge status={entry.status} /> : '—',
            ];
          })}
          empty="Aucun marché ne correspond à ces critères"
        />
        <Pagination page={result.page} pageSize={result.pageSize} total={result.total} href={(number) => withQuery('/marches', filters, { page: number })} />
      </div>,
    );
  }

  /** The objective the market form's sizing gives, as it is typed (an htmx fragment). */
  @Get('objectif')
  @Roles(Role.Facilitator)
  @WebPage()
  objective(@Query() raw: Record<string, string>) {
    const preview = this.markets.previewObjective(raw);
    return this.objectiveText(preview).markup;
  }

  private objectiveText(preview: ReturnType<MarketsService['previewObjective']>): Html {
    if ('objective' in preview) return <span>Objectif calculé : <strong>{hours(preview.objective)}</strong> (montant × part de main-d’œuvre × taux d’insertion ÷ coût horaire). Laissez le champ « objectif » vide pour le retenir.</span>;
    if ('problem' in preview) return <span class="fr-error-text">{preview.problem}</span>;
    return <span>Pour calculer l’objectif, il manque : {preview.missing.join(', ')}.</span>;
  }

  @Get(':id')
  @Roles(Role.Facilitator)
  @WebPage()
  async show(@CurrentPage() context: PageContext, @Param('id', new UuidParamPipe()) id: string, @Query('enregistre') saved: unknown) {
    const scope = scopeOf(context.principal);
    const market = await this.markets.get(scope, id);
    const [figures, lots, contracts, history, parent] = await Promise.all([
      this.fulfilment.forMarket(scope, id),
      this.markets.list(scope, await validateAs(MarketListQuery, { parentId: id, pageSize: '200', sort: 'ref' })),
      this.contracts.list(scope, await validateAs(WorkContractListQuery, { marketRef: String(market.ref), pageSize: '200', sort: 'startDate' })),
      this.audit.history(scope, 'markets', id).catch(() => []),
      market.parentId ? this.markets.get(scope, String(market.parentId)) : Promise.resolve(undefined),
    ]);
    const computed = market.hoursObjectiveComputed === true;
    return page(
      { title: `Marché ${String(market.ref)}`, context, breadcrumbs: [['Accueil', '/'], ['Marchés', '/marches'], [String(market.ref)]] },
      <div>
        {saved ? <Alert kind="success" title="Marché enregistré" /> : null}
        <h1>
          {String(market.ref)} — {String(market.title)}
        </h1>
        {parent ? (
          <p>
            Lot du marché <a href={`/marches/${parent.id}`}>{String(parent.ref)}</a>
          </p>
        ) : null}
        <p>
          <StatusBadge status={figures.status} />
        </p>
        {definitionList([
          ['Acheteur', String(market.buyerRef)],
          ['Opération', String(market.operationRef ?? '—')],
          ['Période', `${day(market.startDate as string)} → ${day(market.endDate as string)}`],
          ['Secteur', valueLabel('sector', market.sector)],
          ['Fondement juridique', valueLabel('legal_basis', market.legalBasis)],
          ['Formation comptée', valueLabel('training_counts', market.trainingCounts)],
        ])}
        <ul class="fr-btns-group fr-btns-group--inline-md fr-mt-2w">
          <li>
            <a class="fr-btn fr-btn--secondary" href={`/donnees/marches/${id}/modifier`}>
              Modifier le marché
            </a>
          </li>
          {!parent ? (
            <li>
              <a class="fr-btn fr-btn--secondary" href={`/donnees/marches/nouveau?lot=${id}`}>
                Ajouter un lot
              </a>
            </li>
          ) : null}
          <li>
            <a class="fr-btn fr-btn--secondary" href={withQuery('/donnees/attributions/nouveau', { marketRef: market.ref })}>
              Ajouter une attribution
            </a>
          </li>
          <li>
            <a class="fr-btn fr-btn--secondary" href={withQuery('/donnees/contrats/nouveau', { marketRef: market.ref })}>
              Ajouter un contrat de travail
            </a>
          </li>
        </ul>

        <h2>Clause sociale</h2>
        <div class="fr-callout">
          <h3 class="fr-callout__title">Objectif : {hours(figures.objective)}</h3>
          <p class="fr-callout__text">
            {computed
              ? `Calculé : ${euros(market.amountExclTax as string)} × ${percent(Number(market.labourSharePct))} de main-d’œuvre × ${percent(Number(market.insertionRatePct))} d’insertion ÷ ${euros(market.hourlyCost as string)} de l’heure.`
              : 'Saisi par le facilitateur.'}
          </p>
        </div>
        {definitionList([
          ['Heures validées', hours(figures.validatedHours)],
          ['Attendues à date', hours(figures.expectedToDate)],
          ['Taux de réalisation', percent(figures.rate)],
          ['Déclarées, à valider', hours(figures.declaredHours)],
          ['Période écoulée', percent(figures.elapsedShare * 100)],
          ['Dernier calcul', figures.computedAt ? moment(figures.computedAt) : 'en cours'],
        ])}
        <FulfilmentChart figures={figures} />
        <Table
          caption="Heures validées par mois"
          head={['Mois', 'Heures validées']}
          rows={figures.months.map((entry) => [monthName(entry.month), hours(entry.hours)])}
          empty="Aucune heure validée"
        />

        {lots.total > 0 ? (
          <div>
            <h2>Lots</h2>
            <Table
              caption={`${lots.total} lot${lots.total > 1 ? 's' : ''}`}
              head={['Référence', 'Objet', 'Objectif', 'Période']}
              rows={lots.items.map((lot: RecordView) => [
                <a href={`/marches/${lot.id}`}>{String(lot.ref)}</a>,
                String(lot.title),
                hours(lot.hoursObjective as string),
                `${day(lot.startDate as string)} → ${day(lot.endDate as string)}`,
              ])}
            />
          </div>
        ) : null}

        <h2>Attributions</h2>
        <Table
          caption="Entreprises attributaires et leur part de l’objectif"
          head={['Entreprise', 'SIRET', 'Rôle', 'Part de l’objectif', 'Heures validées', 'Taux']}
          rows={figures.awards.map((award) => [award.companyName, award.companySiret, valueLabel('role', award.role), hours(award.objective), hours(award.validatedHours), percent(award.rate)])}
          empty="Aucune attribution"
        />

        <h2>Contrats de travail</h2>
        <Table
          caption={`${contracts.total} contrat${contracts.total > 1 ? 's' : ''} de travail sur ce marché`}
          head={['Référence', 'Participant', 'Employeur', 'Type', 'Début', 'Fin']}
          rows={contracts.items.map((contract) => [
            <a href={`/donnees/contrats/${contract.id}/modifier`}>{String(contract.ref)}</a>,
            String(contract.participantRef),
            String(contract.employerSiret),
            valueLabel('kind', contract.kind),
            day(contract.startDate as string),
            day(contract.endDate as string | null),
          ])}
          empty="Aucun contrat de travail"
        />

        <h2>Historique</h2>
        <Table
          caption="Modifications du marché, de la plus ancienne à la plus récente"
          head={['Date', 'Auteur', 'Action', 'Changements']}
          rows={history.map((entry) => [
            moment(entry.at),
            entry.actor,
            AUDIT_ACTIONS[entry.action] ?? entry.action,
            entry.summary ? (
              <p class="fr-text--sm">{entry.summary}</p>
            ) : (
              <ul class="fr-text--sm">
                {Object.entries(entry.changes)
                  .filter(([field]) => !HIDDEN_CHANGES.has(field))
                  .map(([field, change]) =>
                    field.endsWith('_id') ? (
                      <li>{fieldLabel(field)} : modifié</li>
                    ) : (
                      <li>
                        {fieldLabel(field)} : {describe(field, change.old)} → {describe(field, change.new)}
                      </li>
                    ),
                  )}
              </ul>
            ),
          ])}
          empty="Aucun historique"
        />
      </div>,
    );
  }
}

/** What the trail records but a reader needs not see: the stored flag that follows the objective. */
const HIDDEN_CHANGES = new Set(['hours_objective_computed']);

/** A trail's column by its field's name (a reference by the field that names it). */
function fieldLabel(column: string): string {
  const reference = MARKETS.references.find((candidate) => candidate.target === column);
  return MARKETS.fields[reference?.column ?? column]?.description ?? column;
}

function describe(column: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '∅';
  if (column === 'training_counts') return valueLabel(column, value === true || value === 'true');
  return VALUE_LABELS[column] ? valueLabel(column, value) : String(value);
}
