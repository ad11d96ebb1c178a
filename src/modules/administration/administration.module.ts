import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { StructuresModule } from '../structures/structures.module';
import { AdministrationPagesController } from './administration.pages';
import { SchedulesController } from './schedules.controller';

/** The administrator's pages: structures and accounts, through their modules' services; the scheduled jobs. */
@Module({
  imports: [AccountsModule, StructuresModule],
  controllers: [AdministrationPagesController, SchedulesController],
})
export class AdministrationModule {}
