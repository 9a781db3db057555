import { Module, type DynamicModule } from '@nestjs/common';
import { HouseholdsModule, householdProjections } from '#libs/households/index.js';
import type { AppConfig } from '#libs/platform/config/index.js';
import { PlatformModule } from '#libs/platform/index.js';

/** The composition root: the platform wired from configuration, and every capability. */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [PlatformModule.forRoot({ config, projections: [...householdProjections] }), HouseholdsModule],
    };
  }
}
