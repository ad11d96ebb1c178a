import { pageDtoOf } from '../../../platform/http/pagination';
import { EnumFilter, TextFilter } from '../../../platform/http/filter.decorators';
import { PeriodListQuery } from '../../../platform/records/record-crud';
import { recordInputDto, recordOutputDto } from '../../../platform/records/record-dto';
import { WORK_CONTRACTS } from '../work-contracts.record';
import { CONTRACT_KINDS, FULFILMENT_MODES } from '../work-contracts.rules';

export class CreateWorkContractDto extends recordInputDto('CreateWorkContractDto', WORK_CONTRACTS.fields) {}
export class UpdateWorkContractDto extends recordInputDto('UpdateWorkContractDto', WORK_CONTRACTS.fields, { partial: true, omit: WORK_CONTRACTS.key }) {}
export class WorkContractDto extends recordOutputDto('WorkContractDto', WORK_CONTRACTS.fields) {}
export class WorkContractPageDto extends pageDtoOf('WorkContractPageDto', WorkContractDto) {}

export class WorkContractListQuery extends PeriodListQuery {
  @TextFilter('Référence du marché')
  marketRef?: string;

  @TextFilter('Référence du participant')
  participantRef?: string;

  @TextFilter('SIRET de l’employeur')
  employerSiret?: string;

  @EnumFilter(CONTRACT_KINDS, 'Type de contrat')
  kind?: string;

  @EnumFilter(FULFILMENT_MODES, 'Modalité de réalisation')
  mode?: string;
}
