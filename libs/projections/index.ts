/**
 * Every projection and reactor of the system, in one list, for whichever process runs them:
 * the embedded API (in process) or apps/projector (scaled layout). The Kafka relay joins them
 * when KAFKA_BROKERS is set.
 */
import { householdProjections } from '#libs/households/index.js';
import { pkhExitGraduationReactor } from '#libs/pkh/index.js';
import type { DynamicModule } from '@nestjs/common';
import type { AppConfig } from '#libs/platform/config/index.js';
import {
  KafkaPublisher,
  UnsafeKafkaTopics,
  checkTopics,
  feedRelay,
  topicFor,
} from '#libs/platform/event-feed/index.js';
import type { Projection } from '#libs/platform/read-store/index.js';
import { PlatformModule, type Adapters, type CommandServices } from '#libs/platform/index.js';
import type { PiiFreeView } from '#libs/platform/privacy/index.js';
import { PERSONAL_DATA_POLICY, STREAM_PRIVACY } from '#libs/privacy/index.js';
import { supervisorQueueProjection } from '#libs/access/index.js';
import { caseworkCasesProjection, nextVisitReactor } from '#libs/casework/index.js';
import { actorIndexProjection, auditChainProjection } from '#libs/audit/index.js';
import { complaintListProjection } from '#libs/complaints/index.js';
import { kubeListProjection } from '#libs/kube/index.js';
import { paymentChecksProjection, pkhDueProjection } from '#libs/pkh/index.js';
import { referralListProjection } from '#libs/referrals/index.js';
import { courseListProjection } from '#libs/training/index.js';
import { caseloadProjection, kpiProjection, outcomeFactsProjection, periodProjection } from '#libs/views/index.js';

/**
 * The categories the relay publishes, one topic each: every stream category the privacy policy does
 * not keep internal (reservations, closed months), so a new capability gets its topic.
 */
export const FEED_CATEGORIES: readonly string[] = Object.entries(STREAM_PRIVACY)
  .filter(([, privacy]) => privacy !== 'internal')
  .map(([category]) => category);

export const feedTopics = (config: Pick<AppConfig, 'kafkaTopicPrefix'>): string[] =>
  FEED_CATEGORIES.map((category) => topicFor(config.kafkaTopicPrefix, category));

export function allProjections(config: AppConfig, services: CommandServices, piiFree: PiiFreeView): Projection[] {
  const projections: Projection[] = [
    ...householdProjections,
    auditChainProjection,
    actorIndexProjection,
    caseloadProjection,
    outcomeFactsProjection(config.timeZone),
    periodProjection,
    kpiProjection(config.timeZone),
    supervisorQueueProjection,
    kubeListProjection,
    pkhDueProjection,
    paymentChecksProjection,
    courseListProjection,
    complaintListProjection,
    referralListProjection,
    caseworkCasesProjection,
    pkhExitGraduationReactor({ ...services, timeZone: config.timeZone }),
    nextVisitReactor({ ...services, days: config.casework.visitAfterNonComplianceDays, timeZone: config.timeZone }),
  ];
  if (config.kafkaBrokers.length) {
    const admin = { brokers: config.kafkaBrokers, clientId: 'jejak-relay', retries: config.kafka.retries };
    const publisher = new KafkaPublisher({
      ...admin,
      idempotent: config.kafkaIdempotent,
      shutdownTimeoutMs: config.kafka.shutdownTimeoutMs,
      // Production topics come from `jejak kafka-topics`; a broker's defaults would keep a week.
      allowAutoTopicCreation: config.kafka.allowUnsafeTopics,
      beforeFirstSend: async () => {
        if (config.kafka.allowUnsafeTopics) return;
        const problems = await checkTopics(admin, feedTopics(config), config.kafka.topics);
        if (problems.length) throw new UnsafeKafkaTopics(problems);
      },
    });
    projections.push(
      feedRelay(publisher, {
        topicPrefix: config.kafkaTopicPrefix,
        piiFree: config.kafkaIncludePii ? null : piiFree,
      }),
    );
  }
  return projections;
}

/**
 * The platform wired with every projection and the personal-data policy: what the API
 * (apps/api, with the script of its projector thread) and the projector (apps/projector) run on.
 */
export function platformWithProjections(config: AppConfig, adapters: Adapters, projectorThread?: URL): DynamicModule {
  return PlatformModule.forRoot({
    config,
    adapters,
    privacy: PERSONAL_DATA_POLICY,
    projections: (services, piiFree) => allProjections(config, services, piiFree),
    ...(projectorThread ? { projectorThread } : {}),
  });
}
