import { Module } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../../platform/config/app-config';
import { StructuresModule } from '../structures/structures.module';
import { AccountsController } from './accounts.controller';
import { AccountsPagesController } from './accounts.pages';
import { AccountsRepository } from './accounts.repository';
import { AccountsService } from './accounts.service';
import { AuthController } from './auth.controller';
import { loginThrottlers } from './login-throttlers';
import { PasswordHasher } from './password-hasher';
import { UserAccount } from './user.entity';

@Module({
  imports: [
    TypeOrmModule.forFeature([UserAccount]),
    StructuresModule,
    ThrottlerModule.forRootAsync({ inject: [AppConfig], useFactory: (config: AppConfig) => loginThrottlers(config) }),
  ],
  controllers: [AuthController, AccountsController, AccountsPagesController],
  providers: [AccountsRepository, AccountsService, PasswordHasher],
  exports: [AccountsService],
})
export class AccountsModule {}
