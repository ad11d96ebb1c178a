import { pageDtoOf } from '../../../platform/http/pagination';
import { EnumFilter } from '../../../platform/http/filter.decorators';
import { RecordListQuery } from '../../../platform/records/record-crud';
import { recordInputDto, recordOutputDto } from '../../../platform/records/record-dto';
import { PARTICIPANTS } from '../participants.record';
import { GENDERS, PUBLICS } from '../participants.rules';

export class CreateParticipantDto extends recordInputDto('CreateParticipantDto', PARTICIPANTS.fields) {}
export class UpdateParticipantDto extends recordInputDto('UpdateParticipantDto', PARTICIPANTS.fields, { partial: true, omit: PARTICIPANTS.key }) {}
export class ParticipantDto extends recordOutputDto('ParticipantDto', PARTICIPANTS.fields) {}
export class ParticipantPageDto extends pageDtoOf('ParticipantPageDto', ParticipantDto) {}

export class ParticipantListQuery extends RecordListQuery {
  @EnumFilter(GENDERS, 'Sexe')
  gender?: string;

  @EnumFilter(PUBLICS, 'Public éligible (parmi les publics de la personne)')
  public?: string;
}
