import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { HouseholdsModule } from '#libs/households/index.js';
import { KubeCommandHandler } from './commands/kube.command-handler.js';
import { KubeController } from './commands/kube.http.controller.js';
import { KubeQueriesController } from './queries/kube.http.controller.js';
import { GetKubeHandler } from './queries/kube.queries.js';

/** Kube (Kelompok Usaha Bersama): joint business groups of poor households. */
@Module({
  imports: [CqrsModule, HouseholdsModule],
  controllers: [KubeController, KubeQueriesController],
  providers: [KubeCommandHandler, GetKubeHandler],
  exports: [KubeCommandHandler],
})
export class KubeModule {}
