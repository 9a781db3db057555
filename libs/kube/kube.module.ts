import { Module } from '@nestjs/common';
import { KubeDirectory } from './kube-directory.js';
import { CqrsModule } from '@nestjs/cqrs';
import { HouseholdsModule } from '#libs/households/index.js';
import { KubeCommandHandler } from './commands/kube.command-handler.js';
import { KubeRevocationCommandHandler } from './commands/revocation.command-handler.js';
import { KubeRevocationController } from './commands/revocation.http.controller.js';
import { KubeController } from './commands/kube.http.controller.js';
import { KubeQueriesController } from './queries/kube.http.controller.js';
import { GetKubeHandler } from './queries/kube.queries.js';
import { KubeListController } from './read-models/kube-list/kube-list.http.controller.js';
import { ListKubesHandler } from './read-models/kube-list/kube-list.queries.js';

/** Kube (Kelompok Usaha Bersama): joint business groups of poor households. */
@Module({
  imports: [CqrsModule, HouseholdsModule],
  controllers: [KubeController, KubeListController, KubeQueriesController, KubeRevocationController],
  providers: [KubeRevocationCommandHandler, KubeDirectory, KubeCommandHandler, GetKubeHandler, ListKubesHandler],
  exports: [KubeDirectory, KubeCommandHandler],
})
export class KubeModule {}
