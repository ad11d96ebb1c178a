import { DynamicModule, Module } from '@nestjs/common';
import { AccountsModule } from './modules/accounts/accounts.module';
import { HealthModule } from './modules/health/health.module';
import { StructuresModule } from './modules/structures/structures.module';
import { PlatformModule, PlatformOptions } from './platform/platform.module';

/** The composition root: the platform plus every business module. */
@Module({})
export class AppModule {
  static register(options: PlatformOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [PlatformModule.register(options), HealthModule, StructuresModule, AccountsModule],
    };
  }
}
