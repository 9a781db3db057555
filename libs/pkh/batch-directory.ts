import { Injectable } from '@nestjs/common';
import { StreamReader } from '#libs/platform/streams/index.js';
import { disbursementBatchDecider } from './domain/index.js';
import { disbursementBatchStream } from './pkh-streams.js';

/** What the access check needs of a batch: the households it pays (ADR 0009, 0013). */
@Injectable()
export class BatchDirectory {
  constructor(private readonly reader: StreamReader) {}

  /** The households of the batch's payments, in declaration order; null when no batch has this id. */
  async households(batchId: string): Promise<string[] | null> {
    const { state } = await this.reader.stateAt(disbursementBatchStream(batchId), disbursementBatchDecider);
    return state.status === 'none' ? null : state.payments.map((p) => p.householdId);
  }
}
