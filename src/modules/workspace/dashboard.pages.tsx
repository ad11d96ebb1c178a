import { Controller, Get, Query } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Roles } from '../../platform/auth/access.decorators';
import { scopeOf } from '../../platform/auth/principal';
import { Role } from '../../platform/auth/roles';
import { Clock } from '../../platform/clock';
import { writableStructure } from '../../platform/records/record-crud';
import { SelectField, Table } from '../../platform/web/components';
import { hours, integer, moment, monthName, percent } from '../../platform/web/format';
import { Child, h, Html } from '../../platform/web/jsx';
import { page } from '../../platform/web/layout';
import { CurrentPage, WebPage } from '../../platform/web/web-request';
import type { PageContext } from '../../platform/web/web-request';
import { FulfilmentService } from '../fulfilment/fulfilment.service';
import { StatusBadge } from '../fulfilment/fulfilment.views';
import { ImportsService } from '../imports/imports.service';
import { PlieService } from '../plie/plie.service';
import { IMPORT_LABELS } from './imports.pages';
import { WorkspaceRepository } from './workspace.repository';

/** How many lines each block of the dashboard shows before its link to the whole list. */
const SHOWN = 8;

/** The month before `today`, or December of an earlier year that is being looked at. */
export function referenceMonth(today: Date, year: number): string {
  const previous = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - 1, 1));
  if (year < previous.getUTCFullYear()) return `${year}-12`;
  return previous.toISOString().slice(0, 7);
}

function Block({ title, children }: { title: string; children?: Child }): Html {
  return (
    <section class="fr-col-12 fr-col-lg-6">
      <div class="fr-card fr-card--no-arrow">
        <div class="fr-card__body">
          <div class="fr-card__content">
            <h2 class="fr-card__title">{title}</h2>
            <div class="fr-card__desc">{children}</div>
          </div>
        </div>
      </div>
    </section>
  );
}

function Figure({ label, value }: { label: string; value: string }): Html {
  return (
    <div class="fr-col-12 fr-col-md-4">
      <p class="fr-text--sm fr-mb-0">{label}</p>
      <p class="ct-figure">{value}</p>
    </div>
  );
}

/** What a facilitator looks at first each morning: what is late, what waits for them, where the year stands. */
@ApiExcludeController()
@Controller('tableau-de-bord')
export class DashboardPagesController {
  constructor(
    private readonly repository: WorkspaceRepository,
    private readonly fulfilment: FulfilmentService,
    private readonly imports: ImportsService,
    private readonly plie: PlieService,
    private readonly clock: Clock,
  ) {}

  @Get()
  @Roles(Role.Facilitator)
  @WebPage()
  async show(@CurrentPage() context: PageContext, @Query('annee') asked: unknown) {
    const scope = scopeOf(context.principal);
    const structureId = writableStructure(scope);
    const today = this.clock.now();
    const years = await this.repository.years(structureId);
    // The year asked, else the latest year with hours up to this one (in January, last year is the one to finish).
    const year = years.find((candidate) => String(candidate) === asked) ?? years.find((candidate) => candidate <= today.getUTCFullYear()) ?? today.getUTCFullYear();
    const month = referenceMonth(today, year);
    const [totals, figures, withoutHours, waiting, lastImports, exits] = await Promise.all([
      this.repository.yearTotals(structureId, year),
      this.fulfilment.figures(scope),
      this.repository.contractsWithoutHours(structureId, month, SHOWN),
      this.repository.declarationsWaiting(structureId),
      this.imports.recent(structureId, 5),
      this.plie.exitsToValidate(scope, today),
    ]);
    const behind = figures.filter((entry) => entry.status === 'BEHIND').sort((a, b) => (a.rate ?? 0) - (b.rate ?? 0));
    return page(
      { title: 'Tableau de bord', context, breadcrumbs: [['Accueil', '/'], ['Tableau de bord']] },
      <div>
        <div class="fr-grid-row fr-grid-row--middle fr-grid-row--gutters">
          <h1 class="fr-col-12 fr-col-md-8 fr-mb-0">Tableau de bord</h1>
          <form method="get" action="/tableau-de-bord" class="fr-col-12 fr-col-md-4" aria-label="Choisir l’année">
            <SelectField name="annee" label="Année" value={String(year)} options={(years.length > 0 ? years : [year]).map((candidate) => [String(candidate), String(candidate)])} empty="Année la plus récente" />
            <button class="fr-btn fr-btn--sm fr-btn--secondary" type="submit">
              Afficher
            </button>
          </form>
        </div>

        <section class="fr-my-4w" aria-labelledby="totaux">
          <h2 id="totaux">Année {year}</h2>
          <div class="fr-grid-row fr-grid-row--gutters">
            <Figure label="Heures d’insertion validées" value={hours(totals.hours)} />
            <Figure label="Contrats de travail en cours dans l’année" value={integer(totals.contracts)} />
            <Figure label="Participants en emploi dans l’année" value={integer(totals.participants)} />
          </div>
        </section>

        <div class="fr-grid-row fr-grid-row--gutters">
          <Block title={`Marchés en retard (${behind.length})`}>
            {behind.length === 0 ? (
              <p>Aucun marché en retard sur son objectif.</p>
            ) : (
              <Table
                caption="Marchés en dessous de 80 % des heures attendues à date"
                head={['Marché', 'Taux', 'État']}
                rows={behind.slice(0, SHOWN).map((entry) => [<a href={`/marches/${entry.marketId}`}>{entry.ref}</a>, percent(entry.rate), <StatusBadge status={entry.status} />])}
              />
            )}
            <p>
              <a class="fr-link" href="/marches?status=BEHIND">
                Tous les marchés en retard
              </a>
            </p>
          </Block>

          <Block title={`Déclarations à valider (${waiting})`}>
            <p>{waiting === 0 ? 'Aucune déclaration d’entreprise n’attend votre validation.' : `${waiting} saisie${waiting > 1 ? 's' : ''} d’heures déclarée${waiting > 1 ? 's' : ''} par les entreprises attend${waiting > 1 ? 'ent' : ''} votre validation.`}</p>
            <p>
              <a class="fr-link" href="/declarations">
                Valider les déclarations
              </a>
            </p>
          </Block>

          <Block title={`Sorties en emploi à valider (${exits.length})`}>
            <p>
              {exits.length === 0
                ? 'Aucun emploi de sortie n’a atteint six mois sans être validé.'
                : `${exits.length} emploi${exits.length > 1 ? 's' : ''} de sortie ${exits.length > 1 ? 'ont' : 'a'} atteint six mois : la sortie vers l’emploi est à valider.`}
            </p>
            <p>
              <a class="fr-link" href="/sorties">
                Valider les sorties
              </a>
            </p>
          </Block>

          <Block title={`Contrats sans heures en ${monthName(month)} (${withoutHours.total})`}>
            {withoutHours.total === 0 ? (
              <p>Tous les contrats en cours ce mois-là ont leurs heures.</p>
            ) : (
              <Table
                caption={`Contrats en cours en ${monthName(month)} sans heures saisies ni déclarées`}
                head={['Contrat', 'Participant', 'Employeur', 'Marché']}
                rows={withoutHours.items.map((contract) => [contract.ref, contract.participant, contract.employer, contract.marketRef])}
              />
            )}
            <p>
              <a class="fr-link" href={`/heures?mois=${month}`}>
                Saisir les heures de {monthName(month)}
              </a>
            </p>
          </Block>

          <Block title="Derniers imports">
            {lastImports.length === 0 ? (
              <p>Aucun import pour l’instant.</p>
            ) : (
              <Table
                caption="Les cinq derniers fichiers importés"
                head={['Date', 'Type', 'Fichier', 'Créés', 'Modifiés']}
                rows={lastImports.map((run) => [moment(run.at), IMPORT_LABELS[run.kind] ?? run.kind, run.fileName ?? '—', integer(run.inserted), integer(run.updated)])}
              />
            )}
            <p>
              <a class="fr-link" href="/importer">
                Importer un fichier
              </a>
            </p>
          </Block>
        </div>
      </div>,
    );
  }
}
