import { pageDtoOf } from '../../../platform/http/pagination';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length, Matches } from 'class-validator';
import { EnumFilter, TextFilter } from '../../../platform/http/filter.decorators';
import { RecordListQuery } from '../../../platform/records/record-crud';
import { recordInputDto, recordOutputDto } from '../../../platform/records/record-dto';
import { HOURS } from '../hours.record';
import { HOURS_STATUSES } from '../hours.rules';

const { work_contract_ref: _contract, ...MONTH_FIELDS } = HOURS.fields;

/** A facilitator records (or corrects) a contract's hours for a month, by the contract's reference. */
export class RecordHoursDto extends recordInputDto('RecordHoursDto', HOURS.fields) {}
/** The same for a contract named in the path (`POST /work-contracts/{id}/hours`), as a company declares. */
export class ContractHoursDto extends recordInputDto('ContractHoursDto', MONTH_FIELDS) {}
export class CorrectHoursDto extends recordInputDto('CorrectHoursDto', HOURS.fields, { partial: true, omit: HOURS.key }) {}

export class HoursDto extends recordOutputDto('HoursDto', HOURS.fields, {
  status: 'DECLARED (déclarées par l’entreprise, à valider), VALIDATED (comptées) ou REJECTED',
  rejectionReason: 'Motif du rejet',
  marketRef: 'Marché du contrat',
  declaredBy: 'Compte qui a déclaré les heures (entreprise)',
  validatedAt: 'Validation (UTC)',
}) {}
export class HoursPageDto extends pageDtoOf('HoursPageDto', HoursDto) {}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export class HoursListQuery extends RecordListQuery {
  @EnumFilter(HOURS_STATUSES, 'Statut')
  status?: string;

  @TextFilter('Référence du contrat de travail')
  workContractRef?: string;

  @TextFilter('Référence du marché')
  marketRef?: string;

  @TextFilter('SIRET de l’employeur')
  employerSiret?: string;

  @ApiPropertyOptional({ description: 'À partir du mois (AAAA-MM)' })
  @IsOptional()
  @Matches(MONTH, { message: 'doit être un mois AAAA-MM' })
  from?: string;

  @ApiPropertyOptional({ description: 'Jusqu’au mois (AAAA-MM)' })
  @IsOptional()
  @Matches(MONTH, { message: 'doit être un mois AAAA-MM' })
  to?: string;
}

export class RejectHoursDto {
  @ApiProperty({ description: 'Motif du rejet, communiqué à l’entreprise' })
  @IsString({ message: 'doit être une chaîne de caractères' })
  @Length(3, 500, { message: 'doit faire de 3 à 500 caractères' })
  reason: string;
}
