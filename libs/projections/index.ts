/**
 * Every projection and reactor of the system, in one list, for whichever process runs them:
 * the embedded API (in process) or apps/projector (scaled layout). The Kafka relay joins them
 * when KAFKA_BROKERS is set.
 */
import { householdProjections } from '#libs/households/index.js';
import { pkhExitGraduationReactor } from '#libs/pkh/index.js';
import type { AppConfig } from '#libs/platform/config/index.js';
import { KafkaPublisher, feedRelay } from '#libs/platform/event-feed/index.js';
import type { Projection } from '#libs/platform/read-store/index.js';
import type { CommandServices } from '#libs/platform/index.js';
import { supervisorQueueProjection } from '#libs/access/index.js';
import { actorIndexProjection, auditChainProjection } from '#libs/audit/index.js';
import { caseloadProjection, kpiProjection, outcomeFactsProjection, periodProjection } from '#libs/views/index.js';

export function allProjections(config: AppConfig, services: CommandServices): Projection[] {
  const projections: Projection[] = [
    ...householdProjections,
    auditChainProjection,
    actorIndexProjection,
    caseloadProjection,
    outcomeFactsProjection(config.timeZone),
    periodProjection,
    kpiProjection(config.timeZone),
    supervisorQueueProjection,
    pkhExitGraduationReactor(services),
  ];
  if (config.kafkaBrokers.length) {
    const publisher = new KafkaPublisher({
      brokers: config.kafkaBrokers,
      clientId: 'jejak-relay',
      idempotent: config.kafkaIdempotent,
    });
    projections.push(
      feedRelay(publisher, { topicPrefix: config.kafkaTopicPrefix, includePii: config.kafkaIncludePii }),
    );
  }
  return projections;
}
