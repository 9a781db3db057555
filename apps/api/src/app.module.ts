import { Module, type DynamicModule } from '@nestjs/common';
import { AccessModule } from '#libs/access/index.js';
import { AuditModule } from '#libs/audit/index.js';
import { ComplaintsModule } from '#libs/complaints/index.js';
import { CaseworkModule } from '#libs/casework/index.js';
import { HouseholdsModule } from '#libs/households/index.js';
import { IntakeModule } from '#libs/intake/index.js';
import { KubeModule } from '#libs/kube/index.js';
import { PkhModule } from '#libs/pkh/index.js';
import { ReferralsModule } from '#libs/referrals/index.js';
import { platformWithProjections } from '#libs/projections/index.js';
import type { AppConfig } from '#libs/platform/config/index.js';
import type { Adapters } from '#libs/platform/index.js';
import { TrainingModule } from '#libs/training/index.js';
import { ViewsModule } from '#libs/views/index.js';

/** The composition root: the platform wired from configuration, and every capability. */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig, adapters: Adapters): DynamicModule {
    return {
      module: AppModule,
      imports: [
        // PROJECTOR_THREAD=true: apps/projector's module in a worker thread (built code only).
        platformWithProjections(config, adapters, new URL('../../projector/src/thread.js', import.meta.url)),
        HouseholdsModule,
        PkhModule,
        KubeModule,
        TrainingModule,
        ComplaintsModule,
        ReferralsModule,
        ViewsModule,
        AuditModule,
        AccessModule,
        IntakeModule,
        CaseworkModule,
      ],
    };
  }
}
