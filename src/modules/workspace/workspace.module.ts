import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { AwardsModule } from '../awards/awards.module';
import { BuyersModule } from '../buyers/buyers.module';
import { CompaniesModule } from '../companies/companies.module';
import { FulfilmentModule } from '../fulfilment/fulfilment.module';
import { HoursModule } from '../hours/hours.module';
import { ImportsModule } from '../imports/imports.module';
import { MarketsModule } from '../markets/markets.module';
import { OperationsModule } from '../operations/operations.module';
import { ParticipantsModule } from '../participants/participants.module';
import { PlieModule } from '../plie/plie.module';
import { QuestionnaireModule } from '../plie-questionnaire/questionnaire.module';
import { StructuresModule } from '../structures/structures.module';
import { WorkContractsModule } from '../work-contracts/work-contracts.module';
import { Collections } from './collections';
import { DashboardPagesController } from './dashboard.pages';
import { ExitsPagesController } from './exits.pages';
import { HoursPagesController } from './hours.pages';
import { ImportsPagesController } from './imports.pages';
import { MarketsPagesController } from './markets.pages';
import { ParticipantsPagesController } from './participants.pages';
import { QuestionnairePagesController } from './questionnaire.pages';
import { RecordsPagesController } from './records.pages';
import { WorkspaceRepository } from './workspace.repository';

/**
 * The facilitator's workspace in the browser: server-rendered pages that call the same services, scope and
 * validation as the API, and own no business rule.
 */
@Module({
  imports: [
    AuditModule,
    AwardsModule,
    BuyersModule,
    CompaniesModule,
    FulfilmentModule,
    HoursModule,
    ImportsModule,
    MarketsModule,
    OperationsModule,
    ParticipantsModule,
    PlieModule,
    QuestionnaireModule,
    StructuresModule,
    WorkContractsModule,
  ],
  controllers: [DashboardPagesController, MarketsPagesController, HoursPagesController, ImportsPagesController, ParticipantsPagesController, RecordsPagesController, ExitsPagesController, QuestionnairePagesController],
  providers: [Collections, WorkspaceRepository],
})
export class WorkspaceModule {}
