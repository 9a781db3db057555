import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { notFound } from '#libs/platform/domain/index.js';
import { StreamReader } from '#libs/platform/streams/index.js';
import { pkhDecider, type PkhState } from '../domain/index.js';
import { pkhStream } from '../pkh-streams.js';

export class GetPkhParticipationQuery extends Query<PkhState & { householdId: string; revision: number }> {
  /** asOf: only the events recorded by then, a revoked entry included if its revocation came later (ADR 0019). */
  constructor(
    readonly householdId: string,
    readonly asOf?: string,
  ) {
    super();
  }
}

/** One household's participation, folded from its PKH stream (a single short stream). */
@QueryHandler(GetPkhParticipationQuery)
export class GetPkhParticipationHandler implements IQueryHandler<GetPkhParticipationQuery> {
  constructor(private readonly reader: StreamReader) {}

  async execute({ householdId, asOf }: GetPkhParticipationQuery) {
    const { state, revision } = await this.reader.stateAt(pkhStream(householdId), pkhDecider, asOf);
    if (revision === undefined) throw notFound('PKH.NOT_ENROLLED', 'The household has never been enrolled in PKH');
    // The fold's own record of the stream (ADR 0019) is not part of the participation.
    const { revocations: _log, ...participation } = state;
    return { householdId, revision, ...participation };
  }
}
