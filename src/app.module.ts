import { DynamicModule, Module } from '@nestjs/common';
import { AccountsModule } from './modules/accounts/accounts.module';
import { AuditModule } from './modules/audit/audit.module';
import { AwardsModule } from './modules/awards/awards.module';
import { BuyersModule } from './modules/buyers/buyers.module';
import { CompaniesModule } from './modules/companies/companies.module';
import { ConsolidationModule } from './modules/consolidation/consolidation.module';
import { FulfilmentModule } from './modules/fulfilment/fulfilment.module';
import { HealthModule } from './modules/health/health.module';
import { HoursModule } from './modules/hours/hours.module';
import { ImportsModule } from './modules/imports/imports.module';
import { MarketsModule } from './modules/markets/markets.module';
import { OperationsModule } from './modules/operations/operations.module';
import { ParticipantsModule } from './modules/participants/participants.module';
import { PlieModule } from './modules/plie/plie.module';
import { QuestionnaireModule } from './modules/plie-questionnaire/questionnaire.module';
import { StructuresModule } from './modules/structures/structures.module';
import { WorkContractsModule } from './modules/work-contracts/work-contracts.module';
import { WorkspaceModule } from './modules/workspace/workspace.module';
import { CompanySpaceModule } from './modules/company-space/company-space.module';
import { BuyerSpaceModule } from './modules/buyer-space/buyer-space.module';
import { NationalSpaceModule } from './modules/national-space/national-space.module';
import { AdministrationModule } from './modules/administration/administration.module';
import { NotificationsModule } from './modules/notifications/notifications.module';
import { RemindersModule } from './modules/reminders/reminders.module';
import { AttestationsModule } from './modules/attestations/attestations.module';
import { PlatformModule, PlatformOptions } from './platform/platform.module';

/** The composition root: the platform plus every business module. */
@Module({})
export class AppModule {
  static register(options: PlatformOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PlatformModule.register(options),
        HealthModule,
        StructuresModule,
        AccountsModule,
        BuyersModule,
        OperationsModule,
        MarketsModule,
        CompaniesModule,
        AwardsModule,
        ParticipantsModule,
        WorkContractsModule,
        HoursModule,
        PlieModule,
        QuestionnaireModule,
        FulfilmentModule,
        ConsolidationModule,
        ImportsModule,
        AuditModule,
        WorkspaceModule,
        CompanySpaceModule,
        BuyerSpaceModule,
        NationalSpaceModule,
        AdministrationModule,
        NotificationsModule,
        RemindersModule,
        AttestationsModule,
      ],
    };
  }
}
