import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Roles } from '../../platform/auth/access.decorators';
import { scopeOf } from '../../platform/auth/principal';
import { Role } from '../../platform/auth/roles';
import { UuidParamPipe } from '../../platform/http/uuid-param.pipe';
import { validateAs } from '../../platform/http/validation.pipe';
import { Alert, Badge, Table } from '../../platform/web/components';
import { day, hours, monthName } from '../../platform/web/format';
import { h } from '../../platform/web/jsx';
import { page } from '../../platform/web/layout';
import { CurrentPage, WebPage } from '../../platform/web/web-request';
import type { PageContext } from '../../platform/web/web-request';
import { HoursListQuery } from '../hours/dto/hours.dto';
import { HoursService } from '../hours/hours.service';
import { ParticipantsService } from '../participants/participants.service';
import { PathwayListQuery, StepListQuery } from '../plie/dto/plie.dto';
import { PlieService } from '../plie/plie.service';
import { WorkContractListQuery } from '../work-contracts/dto/work-contract.dto';
import { WorkContractsService } from '../work-contracts/work-contracts.service';
import { valueLabel } from './value-labels';

const HOURS_STATUS: Record<string, string> = { VALIDATED: 'Validées', DECLARED: 'Déclarées', REJECTED: 'Rejetées' };

/** A participant's file, for the facilitator of its structure only: identity, eligibility, contracts, hours, pathway. */
@ApiExcludeController()
@Controller('personnes')
export class ParticipantsPagesController {
  constructor(
    private readonly participants: ParticipantsService,
    private readonly contracts: WorkContractsService,
    private readonly hours: HoursService,
    private readonly plie: PlieService,
  ) {}

  @Get(':id')
  @Roles(Role.Facilitator)
  @WebPage()
  async show(@CurrentPage() context: PageContext, @Param('id', new UuidParamPipe()) id: string, @Query('enregistre') saved: unknown) {
    const scope = scopeOf(context.principal);
    const person = await this.participants.get(scope, id);
    const ref = String(person.ref);
    const [contracts, pathways, steps] = await Promise.all([
      this.contracts.list(scope, await validateAs(WorkContractListQuery, { participantRef: ref, pageSize: '200', sort: 'startDate' })),
      this.plie.listPathways(scope, await validateAs(PathwayListQuery, { participantRef: ref, pageSize: '200', sort: 'entryDate' })),
      this.plie.listSteps(scope, await validateAs(StepListQuery, { participantRef: ref, pageSize: '200', sort: 'startDate' })),
    ]);
    const entries = (
      await Promise.all(
        contracts.items.map(async (contract) => (await this.hours.list(scope, await validateAs(HoursListQuery, { workContractRef: String(contract.ref), pageSize: '200', sort: 'month' }))).items),
      )
    ).flat();
    const name = `${String(person.firstName ?? '')} ${String(person.lastName ?? '')}`.trim() || ref;
    return page(
      { title: `Participant ${ref}`, context, breadcrumbs: [['Accueil', '/'], ['Participants', '/donnees/participants'], [ref]] },
      <div>
        {saved ? <Alert kind="success" title="Participant enregistré" /> : null}
        <h1>
          {name} <span class="fr-text--lead">({ref})</span>
        </h1>
        <p class="fr-text--sm">Données personnelles : visibles des seuls facilitateurs de la structure.</p>
        <dl class="fr-grid-row fr-grid-row--gutters">
          {(
            [
              ['Date de naissance', day(person.birthDate as string | null)],
              ['Sexe', valueLabel('gender', person.gender)],
              ['Code postal', String(person.postcode ?? '—')],
              ['Habitant d’un QPV', valueLabel('qpv_resident', person.qpvResident)],
              ['Niveau de qualification', valueLabel('qualification_level', person.qualificationLevel)],
              ['Publics', valueLabel('publics', person.publics)],
              ['Prescripteur', valueLabel('prescriber', person.prescriber)],
              ['Éligibilité validée le', day(person.eligibilityValidatedOn as string | null)],
            ] as [string, string][]
          ).map(([term, value]) => (
            <div class="fr-col-12 fr-col-md-4">
              <dt class="fr-text--sm fr-mb-0">{term}</dt>
              <dd class="fr-text--bold">{value}</dd>
            </div>
          ))}
        </dl>
        <ul class="fr-btns-group fr-btns-group--inline-md">
          <li>
            <a class="fr-btn fr-btn--secondary" href={`/donnees/participants/${id}/modifier`}>
              Modifier
            </a>
          </li>
          <li>
            <a class="fr-btn fr-btn--secondary" href={`/donnees/contrats/nouveau?participantRef=${encodeURIComponent(ref)}`}>
              Ajouter un contrat de travail
            </a>
          </li>
          <li>
            <a class="fr-btn fr-btn--secondary" href={`/donnees/parcours/nouveau?participantRef=${encodeURIComponent(ref)}`}>
              Ouvrir un parcours PLIE
            </a>
          </li>
        </ul>

        <h2>Contrats de travail</h2>
        <Table
          caption={`${contracts.total} contrat${contracts.total > 1 ? 's' : ''}`}
          head={['Référence', 'Marché', 'Employeur', 'Type', 'Poste', 'Début', 'Fin']}
          rows={contracts.items.map((contract) => [
            <a href={`/donnees/contrats/${contract.id}/modifier`}>{String(contract.ref)}</a>,
            String(contract.marketRef),
            String(contract.employerSiret),
            valueLabel('kind', contract.kind),
            String(contract.jobTitle ?? '—'),
            day(contract.startDate as string),
            day(contract.endDate as string | null),
          ])}
          empty="Aucun contrat de travail"
        />

        <h2>Heures d’insertion</h2>
        <Table
          caption="Heures par contrat et par mois"
          head={['Contrat', 'Mois', 'Travaillées', 'Formation', 'État']}
          rows={entries.map((entry) => [
            String(entry.workContractRef),
            monthName(String(entry.month)),
            hours(entry.hoursWorked as string),
            hours(entry.trainingHours as string),
            <Badge kind={entry.status === 'VALIDATED' ? 'success' : entry.status === 'REJECTED' ? 'warning' : 'new'}>{HOURS_STATUS[String(entry.status)] ?? String(entry.status)}</Badge>,
          ])}
          empty="Aucune heure"
        />

        <h2>Parcours PLIE</h2>
        <Table
          caption="Parcours"
          head={['Entrée', 'Sortie', 'Type de sortie', 'Actions']}
          rows={pathways.items.map((pathway) => [
            day(pathway.entryDate as string),
            day(pathway.exitDate as string | null),
            valueLabel('exit_kind', pathway.exitKind),
            <a class="fr-link" href={`/donnees/parcours/${pathway.id}/modifier`}>
              Modifier<span class="fr-sr-only"> le parcours entré le {day(pathway.entryDate as string)}</span>
            </a>,
          ])}
          empty="Aucun parcours PLIE"
        />
        <Table
          caption="Étapes de parcours"
          head={['Étape', 'Début', 'Fin', 'Financée par le PLIE']}
          rows={steps.items.map((step) => [valueLabel('kind', step.kind), day(step.startDate as string), day(step.endDate as string | null), valueLabel('funded_by_plie', step.fundedByPlie)])}
          empty="Aucune étape"
        />
        <p>
          <a class="fr-link" href={`/donnees/etapes/nouveau?participantRef=${encodeURIComponent(ref)}`}>
            Ajouter une étape de parcours
          </a>
        </p>
      </div>,
    );
  }
}
