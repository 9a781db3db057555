import { Injectable } from '@nestjs/common';
import { DomainError, conflict, reservationDecider } from '#libs/platform/domain/index.js';
import type { CommandContext } from './command-context.js';
import { StreamReader } from '#libs/platform/streams/index.js';
import { CommandExecutor } from './command-executor.js';

export interface Claim {
  /** The reservation stream of the thing claimed. */
  stream: string;
  kind: string;
  conflictCode: string;
  conflictMessage: string;
  /** Name under which a refusal reports the holder; default 'holder'. */
  holderKey?: string;
  /** Asked only when someone else holds it: may their claim be taken over? */
  holderAbandoned?: (holder: string) => Promise<boolean>;
}

/**
 * Reserves things for a holder through reservation streams (see reservationDecider), with
 * compensation: a multi-claim either gets all or gives back the ones it newly made.
 */
@Injectable()
export class Reservations {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly reader: StreamReader,
  ) {}

  /**
   * Reserves every claim or none; returns a function that releases the ones newly reserved.
   * The claims are independent streams, so they are reserved at once (one group commit on
   * SQLite); if any is refused, the ones this call made are given back and the first refusal,
   * in the order of the claims, is thrown.
   */
  async reserveAll(claims: Claim[], holder: string, context: CommandContext): Promise<() => Promise<void>> {
    // A look first: a claim already held elsewhere is refused before anything is written, so a
    // refused command leaves no reservation-and-release behind (only a race can still cause one).
    for (const claim of claims) {
      const current = await this.holderOf(claim.stream);
      if (current !== null && current !== holder && !(await claim.holderAbandoned?.(current))) {
        throw conflict(claim.conflictCode, `${claim.conflictMessage} (${current})`, {
          [claim.holderKey ?? 'holder']: current,
        });
      }
    }
    const outcomes = await Promise.allSettled(claims.map((claim) => this.reserve(claim, holder, context)));
    const made = claims.filter(
      (_, i) => outcomes[i]!.status === 'fulfilled' && (outcomes[i] as PromiseFulfilledResult<boolean>).value,
    );
    const release = async (): Promise<void> => {
      await Promise.all(made.map((claim) => this.release(claim, holder, context)));
    };
    const refused = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
    if (refused) {
      await release();
      throw refused.reason;
    }
    return release;
  }

  /** True when this call made the reservation, false when the holder already had it. */
  async reserve(claim: Claim, holder: string, context: CommandContext): Promise<boolean> {
    const run = async (holderAbandoned: boolean) =>
      this.executor.execute({
        stream: claim.stream,
        decider: reservationDecider,
        command: {
          type: 'Reserve',
          data: {
            kind: claim.kind,
            holder,
            holderAbandoned,
            conflictCode: claim.conflictCode,
            conflictMessage: claim.conflictMessage,
            ...(claim.holderKey ? { holderKey: claim.holderKey } : {}),
          },
        },
        context: reservationContext(context),
      });
    try {
      return (await run(false)).events.length > 0;
    } catch (error) {
      if (!(error instanceof DomainError) || error.code !== claim.conflictCode || !claim.holderAbandoned) throw error;
      if (!(await claim.holderAbandoned(String(error.details[claim.holderKey ?? 'holder'])))) throw error;
      return (await run(true)).events.length > 0;
    }
  }

  async release(claim: Pick<Claim, 'stream' | 'kind'>, holder: string, context: CommandContext): Promise<void> {
    await this.executor.execute({
      stream: claim.stream,
      decider: reservationDecider,
      command: { type: 'Release', data: { kind: claim.kind, holder } },
      context: reservationContext(context),
    });
  }

  /** The holder currently recorded on a reservation stream, if any. */
  async holderOf(stream: string): Promise<string | null> {
    return (await this.reader.stateAt(stream, reservationDecider)).state.holder;
  }
}

/** The client's If-Match and command key speak of the main resource, not of reservations. */
function reservationContext(context: CommandContext): CommandContext {
  const { expectedRevision: _ignored, commandKey: _recordedWithTheCommand, ...rest } = context;
  return rest;
}
