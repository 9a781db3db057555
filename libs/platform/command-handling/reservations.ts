import { Injectable } from '@nestjs/common';
import { DomainError, reservationDecider, type ReservationEvent } from '#libs/platform/domain/index.js';
import type { CommandContext } from './command-context.js';
import { StreamReader } from '#libs/platform/streams/index.js';
import { CommandExecutor, type Alongside } from './command-executor.js';

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
 * Reserves things for a holder through reservation streams (see reservationDecider). A claim is
 * decided here and written by the executor in the same commit as the command that claims it
 * (ExecuteCommand.alongside, ADR 0016): a refused or failed command leaves no reservation behind.
 */
@Injectable()
export class Reservations {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly reader: StreamReader,
  ) {}

  /**
   * What reserving every claim for the holder writes, decided on each reservation stream's
   * state: nothing for a claim the holder has already. A claim someone else holds is refused
   * (the first refusal in the order of the claims is thrown) unless its holder abandoned it.
   */
  async claimAll(claims: Claim[], holder: string): Promise<Alongside[]> {
    const decided = await Promise.allSettled(claims.map((claim) => this.claim(claim, holder)));
    const refused = decided.find((o): o is PromiseRejectedResult => o.status === 'rejected');
    if (refused) throw refused.reason;
    return decided.flatMap((o) => (o.status === 'fulfilled' && o.value ? [o.value] : []));
  }

  private async claim(claim: Claim, holder: string): Promise<Alongside | undefined> {
    const { state, revision } = await this.reader.stateAt(claim.stream, reservationDecider);
    const decide = (holderAbandoned: boolean) =>
      reservationDecider.decide(
        {
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
        state,
      );
    let events: ReservationEvent[];
    try {
      events = decide(false);
    } catch (error) {
      if (!(error instanceof DomainError) || error.code !== claim.conflictCode || !claim.holderAbandoned) throw error;
      if (state.holder === null || !(await claim.holderAbandoned(state.holder))) throw error;
      events = decide(true);
    }
    if (events.length === 0) return undefined;
    return {
      stream: claim.stream,
      events,
      revision,
      wrote: (reader, at) => reader.wrote(claim.stream, reservationDecider, state, events, at),
    };
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
