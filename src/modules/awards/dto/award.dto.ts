import { pageDtoOf } from '../../../platform/http/pagination';
import { EnumFilter, TextFilter } from '../../../platform/http/filter.decorators';
import { RecordListQuery } from '../../../platform/records/record-crud';
import { recordInputDto, recordOutputDto } from '../../../platform/records/record-dto';
import { AWARDS } from '../awards.record';
import { AWARD_ROLES } from '../awards.rules';

export class CreateAwardDto extends recordInputDto('CreateAwardDto', AWARDS.fields) {}
export class UpdateAwardDto extends recordInputDto('UpdateAwardDto', AWARDS.fields, { partial: true, omit: AWARDS.key }) {}
export class AwardDto extends recordOutputDto('AwardDto', AWARDS.fields) {}
export class AwardPageDto extends pageDtoOf('AwardPageDto', AwardDto) {}

export class AwardListQuery extends RecordListQuery {
  @TextFilter('Référence du marché')
  marketRef?: string;

  @TextFilter('SIRET de l’entreprise')
  companySiret?: string;

  @EnumFilter(AWARD_ROLES, 'Rôle')
  role?: string;
}
