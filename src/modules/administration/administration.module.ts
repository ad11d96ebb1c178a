import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { StructuresModule } from '../structures/structures.module';
import { AdministrationPagesController } from './administration.pages';

/** The administrator's pages: structures and accounts, through their modules' services. */
@Module({
  imports: [AccountsModule, StructuresModule],
  controllers: [AdministrationPagesController],
})
export class AdministrationModule {}
