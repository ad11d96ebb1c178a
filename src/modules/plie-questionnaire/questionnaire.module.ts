import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PlieAnnualFigure } from './questionnaire.entity';
import { QuestionnaireController } from './questionnaire.controller';
import { QuestionnaireRepository } from './questionnaire.repository';
import { QuestionnaireService } from './questionnaire.service';

/** The PLIE's yearly questionnaire (Tables 6, 7 and 10 of the national report). */
@Module({
  imports: [TypeOrmModule.forFeature([PlieAnnualFigure])],
  controllers: [QuestionnaireController],
  providers: [QuestionnaireService, QuestionnaireRepository],
  exports: [QuestionnaireService],
})
export class QuestionnaireModule {}
