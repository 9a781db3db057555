/** The PKH capability's public surface. */
export { PkhModule } from './pkh.module.js';
export { pkhStream, PKH_CATEGORY } from './pkh-streams.js';
export { pkhExitGraduationReactor } from './read-models/pkh-exit-graduation.reactor.js';
export { PKH_EVENT_TYPES, pkhStatusAfter, type PkhEvent, type PkhStatus } from './domain/index.js';
export { PkhCommandMessage, type PkhAction } from './commands/pkh.handlers.js';
export { GetPkhParticipationQuery } from './read-models/pkh-participation.query.js';
