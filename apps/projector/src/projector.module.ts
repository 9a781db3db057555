import { Module, type DynamicModule } from '@nestjs/common';
import type { AppConfig } from '#libs/platform/config/index.js';
import type { Adapters } from '#libs/platform/index.js';
import { platformWithProjections } from '#libs/projections/index.js';

/**
 * Every projection, the reactors and the Kafka relay, on the stores of `adapters`, with no route
 * of the API: the projector process (main.ts) and the projector thread of an API process
 * (thread.ts) run it.
 */
@Module({})
export class ProjectorModule {
  static forRoot(config: AppConfig, adapters: Adapters): DynamicModule {
    return { module: ProjectorModule, imports: [platformWithProjections(config, adapters)] };
  }
}
