import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { KubeController } from './commands/kube.http.controller.js';
import { KubeCommandHandler } from './commands/kube.handlers.js';
import { GetKubeHandler } from './read-models/kube.query.js';

/** Kube (Kelompok Usaha Bersama): joint business groups of poor households. */
@Module({ imports: [CqrsModule], controllers: [KubeController], providers: [KubeCommandHandler, GetKubeHandler] })
export class KubeModule {}
