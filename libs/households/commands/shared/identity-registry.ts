import { Inject, Injectable } from '@nestjs/common';
import {
  Reservations,
  type Alongside,
  type Claim,
  type CommandContext,
} from '#libs/platform/command-handling/index.js';
import { KEYRING, type Keyring } from '#libs/platform/crypto-shredding/index.js';
import type { RevocationEvent } from '#libs/platform/domain/index.js';
import { EVENT_STORE, type EventStore } from '#libs/platform/event-store/index.js';
import { StreamReader } from '#libs/platform/streams/index.js';
import { householdDecider } from '../../domain/household.decider.js';
import type { HouseholdEvent } from '../../domain/household.events.js';
import { isPendingNik } from '../../domain/member-change.events.js';
import type { HouseholdState } from '../../domain/household.state.js';
import { IDENTITY_NAMING_KEY, householdStream, identityStream, type IdentityKind } from '../../household-streams.js';

export interface IdentityClaim {
  kind: IdentityKind;
  number: string;
}

/** A reservation younger than this may belong to a registration still on its way. */
const GRACE_MS = 2 * 60_000;

/** What the household's decider decides: its own events, and revocations (which claim and free no number). */
type DecidedEvent = HouseholdEvent | RevocationEvent;

/** The KK and NIK numbers an event gives a household. */
function claimedBy(event: DecidedEvent): IdentityClaim[] {
  switch (event.type) {
    case 'HouseholdRegistered':
      return [
        { kind: 'kk', number: event.data.kk },
        ...event.data.members.map((m) => ({ kind: 'nik' as const, number: m.nik })),
      ];
    case 'MemberAdded':
    case 'MemberMovedIn':
      return [{ kind: 'nik', number: event.data.member.nik }];
    case 'ChildBorn':
      return event.data.nikPending ? [] : [{ kind: 'nik', number: event.data.child.nik }];
    case 'MemberNikIssued':
      return [{ kind: 'nik', number: event.data.nik }];
    default:
      return [];
  }
}

/** The NIK numbers an event frees for another household. */
function freedBy(event: DecidedEvent): IdentityClaim[] {
  // A member who died keeps their NIK: it must not turn up in another family's card.
  return event.type === 'MemberRemoved' || event.type === 'MemberMovedOut'
    ? [{ kind: 'nik', number: event.data.nik }]
    : [];
}

/**
 * KK and NIK numbers are unique across households (ADR 0002). A reservation left behind by a
 * crashed registration is taken over once it is older than the grace period and its holder does
 * not actually carry the number.
 */
@Injectable()
export class IdentityRegistry {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly reader: StreamReader,
    private readonly reservations: Reservations,
    @Inject(KEYRING) private readonly keyring: Keyring,
  ) {}

  /** The reservations of the numbers the decided events claim, to commit with them. */
  async reservationsFor(events: DecidedEvent[], householdId: string, context: CommandContext): Promise<Alongside[]> {
    const claims = events.flatMap(claimedBy);
    if (claims.length === 0) return [];
    const now = new Date(context.now);
    return this.reservations.claimAll(await Promise.all(claims.map((c) => this.claim(c, now))), householdId);
  }

  async releaseFreedBy(events: DecidedEvent[], householdId: string, context: CommandContext): Promise<void> {
    const now = new Date(context.now);
    for (const claim of events.flatMap(freedBy))
      await this.reservations.release(await this.claim(claim, now), householdId, context);
  }

  /**
   * Erasure: gives back the KK and every member's NIK, so that the same numbers can register
   * again as a new household (the old one no longer knows them).
   */
  async releaseAllHeldBy(household: HouseholdState, householdId: string, context: CommandContext): Promise<void> {
    if (household.status !== 'registered') return;
    const now = new Date(context.now);
    const claims: IdentityClaim[] = [
      { kind: 'kk', number: household.kk },
      // The living members, and those who died: their NIKs stayed held (see freedBy) until now.
      ...[...household.members, ...household.formerMembers.filter((m) => m.removedFor === 'died')]
        .filter((m) => !isPendingNik(m.nik))
        .map((m) => ({ kind: 'nik' as const, number: m.nik })),
    ];
    for (const claim of claims) await this.reservations.release(await this.claim(claim, now), householdId, context);
  }

  private async claim({ kind, number }: IdentityClaim, now: Date): Promise<Claim> {
    const namingKey = await this.keyring.keyForWriting(IDENTITY_NAMING_KEY);
    if (!namingKey) throw new Error('The identity naming key was erased: reservations cannot be found');
    const stream = identityStream(kind, number, namingKey);
    return {
      stream,
      kind,
      conflictCode: `HOUSEHOLD.${kind.toUpperCase()}_ALREADY_REGISTERED`,
      conflictMessage: `This ${kind === 'kk' ? 'KK number' : 'NIK'} belongs to another household`,
      holderKey: 'householdId',
      holderAbandoned: async (holder) => {
        const [last] = await this.store.readStream(stream, { direction: 'backwards', limit: 1 });
        if (!last || now.getTime() - new Date(last.recordedAt).getTime() < GRACE_MS) return false;
        const { state } = await this.reader.stateAt(householdStream(holder), householdDecider);
        if (state.status !== 'registered' || state.erased) return true;
        return kind === 'kk' ? state.kk !== number : !state.members.some((m) => m.nik === number);
      },
    };
  }
}
