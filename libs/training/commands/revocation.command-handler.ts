import { Injectable } from '@nestjs/common';
import { Revocations, type CommandContext, type RevocableStream } from '#libs/platform/command-handling/index.js';
import { revocationResponse, type RevocationResponse } from '#libs/platform/http/index.js';
import { TRAINING_REVOCATION_RULES, trainingDecider } from '../domain/index.js';
import { trainingStream } from '../training-streams.js';

/**
 * Corrections of a course's entries (ADR 0019), through the shared revocation handling: the
 * revocation carries the participant's household and NIK and a decline's or drop-out's coded
 * reason, which the course list, the caseloads and the reports need.
 */
@Injectable()
export class CourseRevocationCommandHandler {
  constructor(private readonly revocations: Revocations) {}

  async request(
    courseId: string,
    request: { eventId: string; reason: string },
    context: CommandContext,
  ): Promise<RevocationResponse> {
    const outcome = await this.revocations.request(streamsOf(courseId), request, context, (data) => {
      const { householdId, nik, reason } = data;
      return {
        ...(typeof householdId === 'string' ? { householdId } : {}),
        ...(typeof nik === 'string' ? { nik } : {}),
        // A decline's or a drop-out's reason: a code (free text goes in their `detail`).
        ...(typeof reason === 'string' ? { code: reason } : {}),
      };
    });
    return revocationResponse(courseId, outcome);
  }

  async decide(
    courseId: string,
    eventId: string,
    decision: { approve: true } | { approve: false; reason: string },
    context: CommandContext,
  ): Promise<RevocationResponse> {
    return revocationResponse(courseId, await this.revocations.decide(streamsOf(courseId), eventId, decision, context));
  }
}

const streamsOf = (courseId: string): RevocableStream[] => [
  { stream: trainingStream(courseId), decider: trainingDecider, rules: TRAINING_REVOCATION_RULES },
];
