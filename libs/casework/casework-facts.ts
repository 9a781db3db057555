import { Injectable } from '@nestjs/common';
import { StreamReader } from '#libs/platform/streams/index.js';
import { caseworkStream } from './casework-streams.js';
import { caseworkDecider } from './domain/index.js';

/**
 * The casework capability's facts lookup for the access check: who a transfer awaiting a decision
 * would move the case to. That caseworker reaches the household on the routes that decide the
 * transfer (ADR 0018), before the case is hers.
 */
@Injectable()
export class CaseworkFacts {
  constructor(private readonly reader: StreamReader) {}

  async transferReceiverOf(householdId: string): Promise<string | null> {
    const { state } = await this.reader.stateAt(caseworkStream(householdId), caseworkDecider);
    return state.pendingTransfer?.toCaseworkerId ?? null;
  }
}
