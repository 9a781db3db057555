/** The households capability's public surface: other code imports only from here. */
export { HouseholdsModule } from './households.module.js';
export { householdSummaryProjection } from './read-models/household-summary/household-summary.projection.js';
export { HOUSEHOLD_SUMMARY_TABLE, headNameOf } from './read-models/household-summary/household-summary.table.js';
export { householdStream, identityStream, HOUSEHOLD_CATEGORY } from './household-streams.js';
export type { HouseholdEvent, Member, Address, ExitApproved } from './domain/household.events.js';
export { householdDecider } from './domain/household.decider.js';
export type { HouseholdState } from './domain/household.state.js';

import { householdSummaryProjection } from './read-models/household-summary/household-summary.projection.js';
import { householdLinksProjection } from './read-models/household-links/household-links.projection.js';
export const householdProjections = [householdSummaryProjection, householdLinksProjection];
export { RegisterHouseholdCommand } from './commands/register-household/register-household.command.js';
export { AssessHouseholdCommand } from './commands/assess-household/assess-household.command.js';
export { AssignCaseworkerCommand } from './commands/assign-caseworker/assign-caseworker.command.js';
export { RecordCaseNoteCommand } from './commands/record-case-note/record-case-note.command.js';
export { DecideExitCommand } from './commands/exit/exit.handlers.js';
