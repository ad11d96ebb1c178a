import { Injectable } from '@nestjs/common';
import type { AccessScope, Principal } from '../../platform/auth/principal';
import { Page } from '../../platform/http/pagination';
import { RecordView } from '../../platform/records/record-crud';
import { RecordDefinition } from '../../platform/records/record-definition';
import { AWARDS } from '../awards/awards.record';
import { AwardsService } from '../awards/awards.service';
import { AwardListQuery, CreateAwardDto, UpdateAwardDto } from '../awards/dto/award.dto';
import { BUYERS } from '../buyers/buyers.record';
import { BuyersService } from '../buyers/buyers.service';
import { BuyerListQuery, CreateBuyerDto, UpdateBuyerDto } from '../buyers/dto/buyer.dto';
import { COMPANIES } from '../companies/companies.record';
import { CompaniesService } from '../companies/companies.service';
import { CompanyListQuery, CreateCompanyDto, UpdateCompanyDto } from '../companies/dto/company.dto';
import { CreateMarketDto, MarketListQuery, UpdateMarketDto } from '../markets/dto/market.dto';
import { MARKETS } from '../markets/markets.record';
import { MarketsService } from '../markets/markets.service';
import { CreateOperationDto, OperationListQuery, UpdateOperationDto } from '../operations/dto/operation.dto';
import { OPERATIONS } from '../operations/operations.record';
import { OperationsService } from '../operations/operations.service';
import { CreateParticipantDto, ParticipantListQuery, UpdateParticipantDto } from '../participants/dto/participant.dto';
import { PARTICIPANTS } from '../participants/participants.record';
import { ParticipantsService } from '../participants/participants.service';
import { CreatePathwayDto, CreateStepDto, PathwayListQuery, StepListQuery, UpdatePathwayDto, UpdateStepDto } from '../plie/dto/plie.dto';
import { PLIE_PATHWAYS, PLIE_STEPS } from '../plie/plie.record';
import { PlieResource, PlieService } from '../plie/plie.service';
import { CreateWorkContractDto, UpdateWorkContractDto, WorkContractListQuery } from '../work-contracts/dto/work-contract.dto';
import { WORK_CONTRACTS } from '../work-contracts/work-contracts.record';
import { WorkContractsService } from '../work-contracts/work-contracts.service';

type Dto = new () => object;

/**
 * One kind of a structure's records as the workspace lists, creates and edits it: through its module's service (the
 * API's scope, rules and audit), its DTOs (the API's validation), its definition (the fields a form asks).
 */
export interface Collection {
  slug: string;
  /** « Acheteurs » */
  title: string;
  /** « un acheteur » */
  one: string;
  definition: RecordDefinition;
  createDto: Dto;
  updateDto: Dto;
  listQuery: Dto;
  /** The list's columns: API field and header. */
  columns: [string, string][];
  list(scope: AccessScope, query: object): Promise<Page<RecordView>>;
  get(scope: AccessScope, id: string): Promise<RecordView>;
  create(scope: AccessScope, principal: Principal, body: object): Promise<RecordView>;
  update(scope: AccessScope, principal: Principal, id: string, body: object): Promise<RecordView>;
  /** The record's own page, when it has one beyond its form. */
  pageOf?(id: string): string;
  /** Creates a part of a record of this kind (a market's lot). */
  createPart?(scope: AccessScope, principal: Principal, parentId: string, body: object): Promise<RecordView>;
}

@Injectable()
export class Collections {
  readonly all: Collection[];

  constructor(
    buyers: BuyersService,
    operations: OperationsService,
    markets: MarketsService,
    companies: CompaniesService,
    awards: AwardsService,
    participants: ParticipantsService,
    contracts: WorkContractsService,
    plie: PlieService,
  ) {
    const crud = <Q, C, U>(service: {
      list(scope: AccessScope, query: Q): Promise<Page<RecordView>>;
      get(scope: AccessScope, id: string): Promise<RecordView>;
      create(scope: AccessScope, principal: Principal, body: C): Promise<RecordView>;
      update(scope: AccessScope, principal: Principal, id: string, body: U): Promise<RecordView>;
    }) => ({
      list: (scope: AccessScope, query: object) => service.list(scope, query as Q),
      get: (scope: AccessScope, id: string) => service.get(scope, id),
      create: (scope: AccessScope, principal: Principal, body: object) => service.create(scope, principal, body as C),
      update: (scope: AccessScope, principal: Principal, id: string, body: object) => service.update(scope, principal, id, body as U),
    });
    // Pathways and steps share one service, which takes the resource first.
    const plieCrud = (resource: PlieResource, list: (scope: AccessScope, query: object) => Promise<Page<RecordView>>) => ({
      list,
      get: (scope: AccessScope, id: string) => plie.get(resource, scope, id),
      create: (scope: AccessScope, principal: Principal, body: object) => plie.create(resource, scope, principal, body as CreatePathwayDto | CreateStepDto),
      update: (scope: AccessScope, principal: Principal, id: string, body: object) => plie.update(resource, scope, principal, id, body as UpdatePathwayDto | UpdateStepDto),
    });
    this.all = [
      {
        slug: 'acheteurs', title: 'Acheteurs', one: 'un acheteur', definition: BUYERS, createDto: CreateBuyerDto, updateDto: UpdateBuyerDto, listQuery: BuyerListQuery,
        columns: [['ref', 'Référence'], ['name', 'Nom'], ['kind', 'Type'], ['siret', 'SIRET']], ...crud(buyers),
      },
      {
        slug: 'operations', title: 'Opérations', one: 'une opération', definition: OPERATIONS, createDto: CreateOperationDto, updateDto: UpdateOperationDto, listQuery: OperationListQuery,
        columns: [['ref', 'Référence'], ['name', 'Nom'], ['buyerRef', 'Acheteur'], ['startDate', 'Début'], ['endDate', 'Fin']], ...crud(operations),
      },
      {
        slug: 'marches', title: 'Marchés', one: 'un marché', definition: MARKETS, createDto: CreateMarketDto, updateDto: UpdateMarketDto, listQuery: MarketListQuery,
        columns: [['ref', 'Référence'], ['title', 'Objet'], ['buyerRef', 'Acheteur'], ['hoursObjective', 'Objectif'], ['endDate', 'Fin']], ...crud(markets),
        pageOf: (id) => `/marches/${id}`,
        createPart: (scope, principal, parentId, body) => markets.createLot(scope, principal, parentId, body as CreateMarketDto),
      },
      {
        slug: 'entreprises', title: 'Entreprises', one: 'une entreprise', definition: COMPANIES, createDto: CreateCompanyDto, updateDto: UpdateCompanyDto, listQuery: CompanyListQuery,
        columns: [['siret', 'SIRET'], ['name', 'Nom'], ['kind', 'Type'], ['sizeBand', 'Effectif']], ...crud(companies),
      },
      {
        slug: 'attributions', title: 'Attributions', one: 'une attribution', definition: AWARDS, createDto: CreateAwardDto, updateDto: UpdateAwardDto, listQuery: AwardListQuery,
        columns: [['marketRef', 'Marché'], ['companySiret', 'Entreprise (SIRET)'], ['role', 'Rôle'], ['hoursObjective', 'Part de l’objectif']], ...crud(awards),
      },
      {
        slug: 'participants', title: 'Participants', one: 'un participant', definition: PARTICIPANTS, createDto: CreateParticipantDto, updateDto: UpdateParticipantDto,
        listQuery: ParticipantListQuery, columns: [['ref', 'Référence'], ['lastName', 'Nom'], ['firstName', 'Prénom'], ['publics', 'Publics']], ...crud(participants),
        pageOf: (id) => `/personnes/${id}`,
      },
      {
        slug: 'contrats', title: 'Contrats de travail', one: 'un contrat de travail', definition: WORK_CONTRACTS, createDto: CreateWorkContractDto, updateDto: UpdateWorkContractDto,
        listQuery: WorkContractListQuery,
        columns: [['ref', 'Référence'], ['participantRef', 'Participant'], ['employerSiret', 'Employeur'], ['marketRef', 'Marché'], ['startDate', 'Début'], ['endDate', 'Fin']],
        ...crud(contracts),
      },
      {
        slug: 'parcours', title: 'Parcours PLIE', one: 'un parcours PLIE', definition: PLIE_PATHWAYS, createDto: CreatePathwayDto, updateDto: UpdatePathwayDto, listQuery: PathwayListQuery,
        columns: [['participantRef', 'Participant'], ['entryDate', 'Entrée'], ['exitDate', 'Sortie'], ['exitKind', 'Type de sortie']],
        ...plieCrud('pathways', (scope, query) => plie.listPathways(scope, query as PathwayListQuery)),
      },
      {
        slug: 'etapes', title: 'Étapes de parcours PLIE', one: 'une étape de parcours', definition: PLIE_STEPS, createDto: CreateStepDto, updateDto: UpdateStepDto, listQuery: StepListQuery,
        columns: [['participantRef', 'Participant'], ['kind', 'Étape'], ['startDate', 'Début'], ['endDate', 'Fin']],
        ...plieCrud('steps', (scope, query) => plie.listSteps(scope, query as StepListQuery)),
      },
    ];
  }

  bySlug(slug: string): Collection | undefined {
    return this.all.find((collection) => collection.slug === slug);
  }
}
