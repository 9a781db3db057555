import { conflict, notFound, ruleBroken, unreachable, type Decider } from '#libs/platform/domain/index.js';
import type { ComplaintCategory } from '#libs/reference-data/index.js';
import type {
  ComplaintChannel,
  ComplaintEvent,
  ComplaintOutcome,
  ComplaintSource,
  ComplaintSubject,
} from './complaint.events.js';

/** Who sends a command that only some may send: the assignee, or a supervisor. */
export interface ComplaintActor {
  sub: string;
  role: string;
}

type Received = Extract<ComplaintEvent, { type: 'ComplaintReceived' }>['data'];

export type ComplaintCommand =
  | {
      type: 'ReceiveComplaint';
      data: Omit<Received, 'dueOn'> & {
        /** Whether the household complained about is registered (its area is then the complaint's). */
        registered: boolean;
        assignee: string | null;
        /** Days each category may stay open (COMPLAINT_DUE_DAYS over the committed defaults). */
        dueDays: Record<ComplaintCategory, number>;
        /** The local calendar day the command is received on. */
        today: string;
      };
    }
  | { type: 'AssignComplaint'; data: { householdId: string; assignee: string } }
  | { type: 'EscalateComplaint'; data: { householdId: string; today: string } }
  | {
      type: 'ResolveComplaint';
      data: {
        householdId: string;
        outcome: ComplaintOutcome;
        reason: string;
        resolvedOn: string;
        actor: ComplaintActor;
        today: string;
      };
    }
  | {
      type: 'InformComplainant';
      data: {
        householdId: string;
        channel: ComplaintChannel;
        informedOn: string;
        actor: ComplaintActor;
        today: string;
      };
    };

export interface ComplaintState {
  status: 'none' | 'open' | 'resolved';
  complaintId: string | null;
  householdId: string | null;
  category: ComplaintCategory | null;
  subject: ComplaintSubject | null;
  subjectCaseworkerId: string | null;
  source: ComplaintSource | null;
  assignee: string | null;
  receivedOn: string | null;
  dueOn: string | null;
  escalatedOn: string | null;
  outcome: ComplaintOutcome | null;
  resolvedOn: string | null;
  informed: { channel: ComplaintChannel; informedOn: string } | null;
}

/** The calendar day `days` after `date` (both YYYY-MM-DD). */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export const complaintDecider: Decider<ComplaintCommand, ComplaintEvent, ComplaintState> = {
  initialState: () => ({
    status: 'none',
    complaintId: null,
    householdId: null,
    category: null,
    subject: null,
    subjectCaseworkerId: null,
    source: null,
    assignee: null,
    receivedOn: null,
    dueOn: null,
    escalatedOn: null,
    outcome: null,
    resolvedOn: null,
    informed: null,
  }),
  evolve(state, event) {
    switch (event.type) {
      case 'ComplaintReceived': {
        const { complaintId, aboutHouseholdId, category, subject, subjectCaseworkerId, source, receivedOn, dueOn } =
          event.data;
        return {
          ...state,
          status: 'open',
          complaintId,
          householdId: aboutHouseholdId,
          category,
          subject,
          subjectCaseworkerId,
          source,
          receivedOn,
          dueOn,
        };
      }
      case 'ComplaintAssigned':
        return { ...state, assignee: event.data.assignee };
      case 'ComplaintEscalated':
        return { ...state, escalatedOn: event.data.escalatedOn };
      case 'ComplaintResolved':
        return { ...state, status: 'resolved', outcome: event.data.outcome, resolvedOn: event.data.resolvedOn };
      case 'ComplainantInformed':
        return { ...state, informed: { channel: event.data.channel, informedOn: event.data.informedOn } };
      default:
        return state;
    }
  },
  decide(command, state) {
    if (command.type === 'ReceiveComplaint') {
      const { registered, assignee, dueDays, today, ...received } = command.data;
      if (state.status !== 'none') throw conflict('COMPLAINT.ALREADY_RECEIVED', 'This complaint is already recorded');
      if (!registered)
        throw notFound('COMPLAINT.HOUSEHOLD_NOT_REGISTERED', `No household ${received.aboutHouseholdId}`, {
          householdId: received.aboutHouseholdId,
        });
      subjectNamesACaseworkerOnlyWhenAboutOne(received.subject, received.subjectCaseworkerId);
      notInTheFuture(received.receivedOn, today, 'receivedOn');
      const dueOn = addDays(received.receivedOn, dueDays[received.category]);
      const events: ComplaintEvent[] = [{ type: 'ComplaintReceived', data: { ...received, dueOn } }];
      if (assignee !== null) {
        neverAssignedToItsSubject(assignee, received.subjectCaseworkerId);
        const { complaintId, aboutHouseholdId } = received;
        events.push({ type: 'ComplaintAssigned', data: { complaintId, aboutHouseholdId, assignee } });
      }
      return events;
    }
    if (state.status === 'none' || state.householdId !== command.data.householdId)
      throw notFound('COMPLAINT.NOT_FOUND', 'No such complaint about this household');
    const complaintId = state.complaintId!;
    const aboutHouseholdId = state.householdId;
    switch (command.type) {
      case 'AssignComplaint': {
        const { assignee } = command.data;
        stillOpen(state);
        neverAssignedToItsSubject(assignee, state.subjectCaseworkerId);
        if (state.assignee === assignee)
          throw ruleBroken('COMPLAINT.ALREADY_ASSIGNED_TO_THEM', `The complaint is already assigned to ${assignee}`);
        return [{ type: 'ComplaintAssigned', data: { complaintId, aboutHouseholdId, assignee } }];
      }
      case 'EscalateComplaint': {
        const { today } = command.data;
        stillOpen(state);
        if (state.escalatedOn !== null)
          throw ruleBroken('COMPLAINT.ALREADY_ESCALATED', `The complaint was escalated on ${state.escalatedOn}`);
        if (today <= state.dueOn!)
          throw ruleBroken('COMPLAINT.NOT_OVERDUE', `The complaint is due on ${state.dueOn}: not overdue yet`);
        const data = {
          complaintId,
          aboutHouseholdId,
          dueOn: state.dueOn!,
          escalatedOn: today,
          assignee: state.assignee,
        };
        return [{ type: 'ComplaintEscalated', data }];
      }
      case 'ResolveComplaint': {
        const { outcome, reason, resolvedOn, actor, today } = command.data;
        stillOpen(state);
        onlyTheAssigneeOrASupervisor(state, actor);
        notInTheFuture(resolvedOn, today, 'resolvedOn');
        if (resolvedOn < state.receivedOn!)
          throw ruleBroken('COMPLAINT.RESOLVED_BEFORE_RECEIVED', `The complaint was received on ${state.receivedOn}`);
        return [{ type: 'ComplaintResolved', data: { complaintId, aboutHouseholdId, outcome, reason, resolvedOn } }];
      }
      case 'InformComplainant': {
        const { channel, informedOn, actor, today } = command.data;
        if (state.status !== 'resolved')
          throw ruleBroken('COMPLAINT.NOT_RESOLVED', 'The family is told once the complaint is resolved');
        if (state.informed !== null)
          throw ruleBroken('COMPLAINT.ALREADY_INFORMED', `The family was told on ${state.informed.informedOn}`);
        onlyTheAssigneeOrASupervisor(state, actor);
        notInTheFuture(informedOn, today, 'informedOn');
        if (informedOn < state.resolvedOn!)
          throw ruleBroken('COMPLAINT.INFORMED_BEFORE_RESOLVED', `The complaint was resolved on ${state.resolvedOn}`);
        return [{ type: 'ComplainantInformed', data: { complaintId, aboutHouseholdId, channel, informedOn } }];
      }
      default:
        return unreachable(command);
    }
  },
};

/** A complaint about a caseworker names them; no other complaint does. */
function subjectNamesACaseworkerOnlyWhenAboutOne(subject: ComplaintSubject, caseworkerId: string | null): void {
  if (subject === 'caseworker' && caseworkerId === null)
    throw ruleBroken('COMPLAINT.SUBJECT_CASEWORKER_REQUIRED', 'A complaint about a caseworker names the caseworker', {
      field: 'subjectCaseworkerId',
    });
  if (subject !== 'caseworker' && caseworkerId !== null)
    throw ruleBroken('COMPLAINT.SUBJECT_CASEWORKER_UNEXPECTED', `A complaint about a ${subject} names no caseworker`, {
      field: 'subjectCaseworkerId',
    });
}

/** A complaint about a caseworker is never handled by that caseworker. */
function neverAssignedToItsSubject(assignee: string, subjectCaseworkerId: string | null): void {
  if (assignee === subjectCaseworkerId)
    throw ruleBroken(
      'COMPLAINT.ASSIGNEE_IS_THE_SUBJECT',
      'A complaint about a caseworker is never assigned to that caseworker',
      { field: 'assignee', assignee },
    );
}

function stillOpen(state: ComplaintState): void {
  if (state.status === 'resolved')
    throw ruleBroken('COMPLAINT.ALREADY_RESOLVED', `The complaint was resolved on ${state.resolvedOn}`);
}

/** Resolving and telling the family belong to whoever handles the complaint, or a supervisor. */
function onlyTheAssigneeOrASupervisor(state: ComplaintState, actor: ComplaintActor): void {
  if (actor.sub === state.subjectCaseworkerId)
    throw ruleBroken(
      'COMPLAINT.ASSIGNEE_IS_THE_SUBJECT',
      'The caseworker complained about cannot handle the complaint',
    );
  if (actor.role !== 'supervisor' && actor.sub !== state.assignee)
    throw ruleBroken('COMPLAINT.NOT_THE_ASSIGNEE', 'Only the assignee or a supervisor handles this complaint');
}

function notInTheFuture(date: string, today: string, field: string): void {
  if (date > today)
    throw ruleBroken('COMPLAINT.DATE_IN_FUTURE', `${field} ${date} is after today (${today})`, { field });
}
