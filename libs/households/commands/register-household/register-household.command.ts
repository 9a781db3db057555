import type { CommandContext } from '#libs/platform/command-handling/index.js';
import type { HouseholdCommand } from '../../domain/household.commands.js';
import { toAddress, toMember } from '../shared/household.request.dto.js';
import type { RegisterHouseholdRequestDto } from './register-household.request.dto.js';

/**
 * The decider's RegisterHousehold from a validated request: the one mapping both the HTTP route
 * and the bulk intake (libs/intake) use, so an imported household is registered exactly as a typed one.
 */
export function registerHouseholdCommand(
  householdId: string,
  body: RegisterHouseholdRequestDto,
  { now, today }: Pick<CommandContext, 'now' | 'today'>,
): Extract<HouseholdCommand, { type: 'RegisterHousehold' }> {
  return {
    type: 'RegisterHousehold',
    data: {
      householdId,
      kk: body.kk,
      address: toAddress(body.address),
      members: body.members.map(toMember),
      ...(body.dtks
        ? { dtks: { welfareDecile: body.dtks.welfareDecile, extractedOn: body.dtks.extractedOn ?? null } }
        : {}),
      at: now,
      today,
    },
  };
}
