import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { HouseholdsModule } from '#libs/households/index.js';
import { ReferralCommandHandler } from './commands/referral.command-handler.js';
import { ReferralController } from './commands/referral.http.controller.js';
import { ReferralListController } from './read-models/referral-list/referral-list.http.controller.js';
import { ListReferralsHandler } from './read-models/referral-list/referral-list.queries.js';

/** Referrals of a household or a member to another service, and the service's answer. */
@Module({
  imports: [CqrsModule, HouseholdsModule],
  controllers: [ReferralController, ReferralListController],
  providers: [ReferralCommandHandler, ListReferralsHandler],
})
export class ReferralsModule {}
