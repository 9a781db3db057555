/** The households capability's public surface: other code imports only from here. */
export { HouseholdsModule } from './households.module.js';
export { householdSummaryProjection } from './read-models/household-summary/household-summary.projection.js';
export { HOUSEHOLD_SUMMARY_TABLE, headNameOf } from './read-models/household-summary/household-summary.table.js';
export { householdStream, identityStream, HOUSEHOLD_CATEGORY, IDENTITY_NAMING_KEY } from './household-streams.js';
export type { HouseholdEvent, Member, Address, ExitApproved } from './domain/household.events.js';
export { HOUSEHOLD_ERASED_BY } from './domain/household.events.js';
export { HOUSEHOLD_EVENT_TYPES } from './domain/household.events.js';
export { effectiveOn as memberChangeEffectiveOn, type MemberChangeEvent } from './domain/member-change.events.js';
export type { HouseholdState } from './domain/household.state.js';

import { householdSummaryProjection } from './read-models/household-summary/household-summary.projection.js';
import { householdLinksProjection } from './read-models/household-links/household-links.projection.js';
export const householdProjections = [householdSummaryProjection, householdLinksProjection];
export { HouseholdCommandHandler } from './commands/household.command-handler.js';
export type { HouseholdCommand } from './domain/household.commands.js';
export { HouseholdDirectory, type HouseholdRecord } from './household-directory.js';
export { HOUSEHOLD_PRIVACY } from './domain/household.privacy.js';
export { RegisterHouseholdRequestDto } from './commands/register-household/register-household.request.dto.js';
export { registerHouseholdCommand } from './commands/register-household/register-household.command.js';
export { HOUSEHOLD_REVOCATION_RULES, householdDecider } from './domain/household.decider.js';
