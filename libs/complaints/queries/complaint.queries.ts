import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { notFound } from '#libs/platform/domain/index.js';
import { EVENT_STORE, type EventStore } from '#libs/platform/event-store/index.js';
import { recordedAs } from '#libs/platform/read-store/index.js';
import type { ComplaintEvent } from '../domain/index.js';
import { complaintStream } from '../complaint-streams.js';
import type { ComplaintReader } from '../read-models/complaint-list/complaint-list.queries.js';
import type { ComplaintDto } from './complaint.response.dto.js';

export class GetComplaintQuery extends Query<ComplaintDto> {
  constructor(
    readonly householdId: string,
    readonly complaintId: string,
    readonly reader: ComplaintReader,
  ) {
    super();
  }
}

/**
 * One complaint from its stream. The caseworker it is about never reads it, and a caseworker
 * reads only what is assigned to them: to anyone else it does not exist (404), as outside one's
 * reach (ADR 0014).
 */
@QueryHandler(GetComplaintQuery)
export class GetComplaintHandler implements IQueryHandler<GetComplaintQuery> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ householdId, complaintId, reader }: GetComplaintQuery): Promise<ComplaintDto> {
    const events = recordedAs<ComplaintEvent>(await this.store.readStream(complaintStream(complaintId)));
    const first = events[0];
    const missing = () => notFound('COMPLAINT.NOT_FOUND', 'No such complaint about this household');
    if (first?.type !== 'ComplaintReceived' || first.data.aboutHouseholdId !== householdId) throw missing();
    const { complaintId: _, aboutHouseholdId, dueOn, ...received } = first.data;
    let view: ComplaintDto = {
      id: complaintId,
      householdId: aboutHouseholdId,
      revision: events.at(-1)!.revision,
      ...received,
      dueOn,
      assignee: null,
      escalatedOn: null,
      status: 'open',
      outcome: null,
      reason: null,
      resolvedOn: null,
      familyNotice: null,
    };
    for (const event of events.slice(1)) {
      if (event.type === 'ComplaintAssigned') view = { ...view, assignee: event.data.assignee };
      if (event.type === 'ComplaintEscalated') view = { ...view, escalatedOn: event.data.escalatedOn };
      if (event.type === 'ComplaintResolved') {
        const { outcome, reason, resolvedOn } = event.data;
        view = { ...view, status: 'resolved', outcome, reason, resolvedOn };
      }
      if (event.type === 'ComplainantInformed') {
        const { channel, informedOn } = event.data;
        view = { ...view, familyNotice: { channel, informedOn } };
      }
    }
    if (reader.sub === view.subjectCaseworkerId) throw missing();
    if (reader.role === 'caseworker' && reader.sub !== view.assignee) throw missing();
    return view;
  }
}
