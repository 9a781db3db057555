import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { householdDecider, householdStream } from '#libs/households/index.js';
import { CommandExecutor, idFor, type CommandContext } from '#libs/platform/command-handling/index.js';
import { notFound } from '#libs/platform/domain/index.js';
import {
  trainingDecider,
  type Course,
  type DeclineReason,
  type DropOutReason,
  type TrainingCommand,
} from '../domain/index.js';
import { trainingStream } from '../training-streams.js';

export type TrainingAction =
  | ({ type: 'schedule' } & Omit<Course, 'courseId'>)
  | { type: 'invite'; householdId: string; nik: string }
  | { type: 'accept'; nik: string }
  | { type: 'decline'; nik: string; reason: DeclineReason; detail: string | null }
  | { type: 'attendance'; sessionNo: number; heldOn: string; present: string[] }
  | { type: 'complete'; nik: string; certificateNo: string | null }
  | { type: 'dropOut'; nik: string; reason: DropOutReason; detail: string | null };

export interface TrainingCommandResponse {
  id: string;
  revision: number;
  position: number;
}

export class TrainingCommandMessage extends Command<TrainingCommandResponse> {
  constructor(
    readonly courseId: string | undefined,
    readonly action: TrainingAction,
    readonly context: CommandContext,
  ) {
    super();
  }
}

/**
 * Course commands. Every enrolment is decided on the course's own stream at the revision read,
 * so concurrent enrolments are serialised by the store and capacity is never exceeded.
 */
@CommandHandler(TrainingCommandMessage)
export class TrainingCommandHandler implements ICommandHandler<TrainingCommandMessage> {
  constructor(private readonly executor: CommandExecutor) {}

  async execute({ courseId: given, action, context }: TrainingCommandMessage): Promise<TrainingCommandResponse> {
    const courseId = given ?? idFor(context.idempotencyKey, context.principal.sub, 'course');
    const command = await this.toCommand(courseId, action, context.now);
    const reason =
      action.type === 'decline' || action.type === 'dropOut'
        ? action.detail
          ? `${action.reason}: ${action.detail}`
          : action.reason
        : undefined;
    const result = await this.executor.execute({
      stream: trainingStream(courseId),
      decider: trainingDecider,
      command,
      context,
      ...(reason ? { reason } : {}),
    });
    return { id: courseId, revision: result.revision, position: result.position };
  }

  private async toCommand(courseId: string, action: TrainingAction, at: string): Promise<TrainingCommand> {
    switch (action.type) {
      case 'schedule': {
        const { type: _t, ...course } = action;
        return { type: 'ScheduleCourse', data: { courseId, ...course, at } };
      }
      case 'invite': {
        const { state } = await this.executor.stateAt(householdStream(action.householdId), householdDecider);
        if (state.status !== 'registered')
          throw notFound('TRAINING.HOUSEHOLD_NOT_REGISTERED', `No household ${action.householdId}`);
        const isMemberOfHousehold = state.members.some((m) => m.nik === action.nik);
        return {
          type: 'InviteParticipant',
          data: { householdId: action.householdId, nik: action.nik, isMemberOfHousehold, at },
        };
      }
      case 'accept':
        return { type: 'AcceptInvitation', data: { nik: action.nik, at } };
      case 'decline':
        return {
          type: 'DeclineInvitation',
          data: { nik: action.nik, reason: action.reason, detail: action.detail, at },
        };
      case 'attendance':
        return {
          type: 'RecordSessionAttendance',
          data: { sessionNo: action.sessionNo, heldOn: action.heldOn, present: action.present, at },
        };
      case 'complete':
        return { type: 'CompleteTraining', data: { nik: action.nik, certificateNo: action.certificateNo, at } };
      case 'dropOut':
        return { type: 'RecordDropOut', data: { nik: action.nik, reason: action.reason, detail: action.detail, at } };
    }
  }
}
