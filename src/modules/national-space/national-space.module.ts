import { Module } from '@nestjs/common';
import { QuestionnaireModule } from '../plie-questionnaire/questionnaire.module';
import { NationalSpacePagesController } from './national-space.pages';
import { NationalSpaceRepository } from './national-space.repository';

/** National staff's pages beyond the consolidations: the structures of a year and their headline figures, the PLIE questionnaires' respondents. */
@Module({
  imports: [QuestionnaireModule],
  controllers: [NationalSpacePagesController],
  providers: [NationalSpaceRepository],
})
export class NationalSpaceModule {}
