import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { StructuresModule } from '../structures/structures.module';
import { AccountsController } from './accounts.controller';
import { AccountsRepository } from './accounts.repository';
import { AccountsService } from './accounts.service';
import { AuthController } from './auth.controller';
import { PasswordHasher } from './password-hasher';
import { UserAccount } from './user.entity';

@Module({
  imports: [TypeOrmModule.forFeature([UserAccount]), StructuresModule],
  controllers: [AuthController, AccountsController],
  providers: [AccountsRepository, AccountsService, PasswordHasher],
  exports: [AccountsService],
})
export class AccountsModule {}
