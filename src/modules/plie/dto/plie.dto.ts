import { ApiProperty } from '@nestjs/swagger';
import { pageDtoOf } from '../../../platform/http/pagination';
import { EnumFilter, TextFilter } from '../../../platform/http/filter.decorators';
import { PeriodListQuery } from '../../../platform/records/record-crud';
import { recordInputDto, recordOutputDto } from '../../../platform/records/record-dto';
import { PLIE_PATHWAYS, PLIE_STEPS } from '../plie.record';
import { EMPLOYMENT_DETAILS, EXIT_KINDS, STEP_KINDS } from '../plie.rules';

export class CreatePathwayDto extends recordInputDto('CreatePathwayDto', PLIE_PATHWAYS.fields) {}
export class UpdatePathwayDto extends recordInputDto('UpdatePathwayDto', PLIE_PATHWAYS.fields, { partial: true, omit: PLIE_PATHWAYS.key }) {}
export class PathwayDto extends recordOutputDto('PathwayDto', PLIE_PATHWAYS.fields) {}
export class PathwayPageDto extends pageDtoOf('PathwayPageDto', PathwayDto) {}

export class CreateStepDto extends recordInputDto('CreateStepDto', PLIE_STEPS.fields) {}
export class UpdateStepDto extends recordInputDto('UpdateStepDto', PLIE_STEPS.fields, { partial: true, omit: PLIE_STEPS.key }) {}
export class StepDto extends recordOutputDto('StepDto', PLIE_STEPS.fields) {}
export class StepPageDto extends pageDtoOf('StepPageDto', StepDto) {}

export class PathwayListQuery extends PeriodListQuery {
  @TextFilter('Référence du participant')
  participantRef?: string;

  @EnumFilter(EXIT_KINDS, 'Type de sortie')
  exitKind?: string;
}

export class StepListQuery extends PeriodListQuery {
  @TextFilter('Référence du participant')
  participantRef?: string;

  @EnumFilter(STEP_KINDS, 'Type d’étape')
  kind?: string;
}

const EMPLOYMENT_FIELDS = Object.fromEntries(Object.entries(PLIE_PATHWAYS.fields).filter(([column]) => (EMPLOYMENT_DETAILS as readonly string[]).includes(column)));

/** A job exit validated after six months: the job's details, all optional. */
export class ValidateExitDto extends recordInputDto('ValidateExitDto', EMPLOYMENT_FIELDS, { partial: true }) {}

export class ExitToValidateDto {
  @ApiProperty({ description: 'Étape EXIT_JOB (identifiant à valider)' }) stepId: string;
  @ApiProperty({ description: 'Parcours encore ouvert qui la contient' }) pathwayId: string;
  @ApiProperty() participantRef: string;
  @ApiProperty({ description: 'Prénom et nom' }) participant: string;
  @ApiProperty({ description: 'Début de l’emploi (AAAA-MM-JJ)' }) jobStart: string;
  @ApiProperty({ description: 'Jour où les six mois sont atteints : la date de sortie une fois validée' }) dueOn: string;
}
