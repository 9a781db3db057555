import { Inject, Injectable } from '@nestjs/common';
import { CommandExecutor, type CommandContext } from '#libs/platform/command-handling/index.js';
import { DomainError, fold } from '#libs/platform/domain/index.js';
import { EVENT_STORE, type EventStore } from '#libs/platform/event-store/index.js';
import type { HouseholdEvent } from '../../domain/household.events.js';
import { householdDecider } from '../../domain/household.decider.js';
import { identityDecider, type IdentityKind } from '../../domain/identity.decider.js';
import { householdStream, identityStream } from '../../household-streams.js';

export interface IdentityClaim {
  kind: IdentityKind;
  number: string;
}

/** A reservation younger than this may belong to a registration still on its way. */
const GRACE_MS = 2 * 60_000;

/**
 * Keeps KK and NIK numbers unique across households with one reservation stream per number.
 * A registration reserves its numbers first and releases them if it fails; a reservation left
 * behind by a crash is taken over once it is older than the grace period and its holder does
 * not actually carry the number.
 */
@Injectable()
export class IdentityRegistry {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly executor: CommandExecutor,
  ) {}

  /** Reserves every claim or none; returns a function that releases the ones newly reserved. */
  async reserveAll(
    claims: IdentityClaim[],
    householdId: string,
    context: CommandContext,
  ): Promise<() => Promise<void>> {
    const reserved: IdentityClaim[] = [];
    const release = async (): Promise<void> => {
      for (const claim of reserved.reverse()) await this.release(claim, householdId, context);
    };
    try {
      for (const claim of claims) {
        if (await this.reserve(claim, householdId, context)) reserved.push(claim);
      }
    } catch (error) {
      await release();
      throw error;
    }
    return release;
  }

  /** True when this call made the reservation, false when the household already held it. */
  async reserve(claim: IdentityClaim, householdId: string, context: CommandContext): Promise<boolean> {
    const stream = identityStream(claim.kind, claim.number);
    const ctx = identityContext(context);
    const run = async (holderAbandoned: boolean) =>
      this.executor.execute({
        stream,
        decider: identityDecider,
        command: { type: 'ReserveIdentity', data: { kind: claim.kind, householdId, holderAbandoned } },
        context: ctx,
      });
    try {
      return (await run(false)).events.length > 0;
    } catch (error) {
      if (!(error instanceof DomainError) || error.kind !== 'conflict') throw error;
      if (!(await this.abandoned(stream, claim, String(error.details.householdId), new Date(context.now)))) throw error;
      return (await run(true)).events.length > 0;
    }
  }

  async release(claim: IdentityClaim, householdId: string, context: CommandContext): Promise<void> {
    await this.executor.execute({
      stream: identityStream(claim.kind, claim.number),
      decider: identityDecider,
      command: { type: 'ReleaseIdentity', data: { kind: claim.kind, householdId } },
      context: identityContext(context),
    });
  }

  private async abandoned(stream: string, claim: IdentityClaim, holder: string, now: Date): Promise<boolean> {
    const [last] = await this.store.readStream(stream, { direction: 'backwards', limit: 1 });
    if (!last || now.getTime() - new Date(last.recordedAt).getTime() < GRACE_MS) return false;
    const events = await this.store.readStream(householdStream(holder));
    const state = fold(
      householdDecider,
      events.map(({ type, data }) => ({ type, data }) as HouseholdEvent),
    );
    if (state.status !== 'registered') return true;
    return claim.kind === 'kk' ? state.kk !== claim.number : !state.members.some((m) => m.nik === claim.number);
  }
}

/** The client's If-Match speaks of the household stream, never of a reservation stream. */
function identityContext(context: CommandContext): CommandContext {
  const { expectedRevision: _ignored, ...rest } = context;
  return rest;
}
