import { Inject, Injectable } from '@nestjs/common';
import {
  CommandExecutor,
  Reservations,
  type Claim,
  type CommandContext,
} from '#libs/platform/command-handling/index.js';
import { EVENT_STORE, type EventStore } from '#libs/platform/event-store/index.js';
import { householdDecider } from '../../domain/household.decider.js';
import { householdStream, identityStream, type IdentityKind } from '../../household-streams.js';

export interface IdentityClaim {
  kind: IdentityKind;
  number: string;
}

/** A reservation younger than this may belong to a registration still on its way. */
const GRACE_MS = 2 * 60_000;

/**
 * KK and NIK numbers are unique across households (ADR 0002). A reservation left behind by a
 * crashed registration is taken over once it is older than the grace period and its holder does
 * not actually carry the number.
 */
@Injectable()
export class IdentityRegistry {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly executor: CommandExecutor,
    private readonly reservations: Reservations,
  ) {}

  reserveAll(claims: IdentityClaim[], householdId: string, context: CommandContext): Promise<() => Promise<void>> {
    return this.reservations.reserveAll(
      claims.map((c) => this.claim(c, new Date(context.now))),
      householdId,
      context,
    );
  }

  release(claim: IdentityClaim, householdId: string, context: CommandContext): Promise<void> {
    return this.reservations.release(this.claim(claim, new Date(context.now)), householdId, context);
  }

  private claim({ kind, number }: IdentityClaim, now: Date): Claim {
    const stream = identityStream(kind, number);
    return {
      stream,
      kind,
      conflictCode: `HOUSEHOLD.${kind.toUpperCase()}_ALREADY_REGISTERED`,
      conflictMessage: `This ${kind === 'kk' ? 'KK number' : 'NIK'} belongs to another household`,
      holderKey: 'householdId',
      holderAbandoned: async (holder) => {
        const [last] = await this.store.readStream(stream, { direction: 'backwards', limit: 1 });
        if (!last || now.getTime() - new Date(last.recordedAt).getTime() < GRACE_MS) return false;
        const { state } = await this.executor.stateAt(householdStream(holder), householdDecider);
        if (state.status !== 'registered') return true;
        return kind === 'kk' ? state.kk !== number : !state.members.some((m) => m.nik === number);
      },
    };
  }
}
