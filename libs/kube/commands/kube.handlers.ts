import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { householdDecider, householdStream } from '#libs/households/index.js';
import {
  CommandExecutor,
  Reservations,
  idFor,
  type Claim,
  type CommandContext,
} from '#libs/platform/command-handling/index.js';
import { APP_CONFIG, type AppConfig } from '#libs/platform/config/index.js';
import { notFound, ruleBroken } from '#libs/platform/domain/index.js';
import { EVENT_STORE, type EventStore } from '#libs/platform/event-store/index.js';
import { kubeDecider, type KubeCommand, type KubeLeaveReason } from '../domain/index.js';
import { kubeMembershipStream, kubeStream } from '../kube-streams.js';

export type KubeAction =
  | {
      type: 'form';
      name: string;
      businessType: string;
      kecamatan: string;
      kelurahan: string;
      householdIds: string[];
      formedOn: string;
    }
  | { type: 'join'; householdId: string; joinedOn: string }
  | { type: 'leave'; householdId: string; reason: KubeLeaveReason; detail: string | null; leftOn: string }
  | { type: 'grant'; amount: number; source: string; reference: string; disbursedOn: string }
  | { type: 'report'; period: string; revenue: number; activeMembers: number }
  | { type: 'dissolve'; reason: string; dissolvedOn: string };

export interface KubeCommandResponse {
  id: string;
  revision: number;
  position: number;
}

export class KubeCommandMessage extends Command<KubeCommandResponse> {
  constructor(
    /** Undefined when forming a new group. */
    readonly kubeId: string | undefined,
    readonly action: KubeAction,
    readonly context: CommandContext,
  ) {
    super();
  }
}

const GRACE_MS = 2 * 60_000;

/**
 * Kube commands. A household's place in a group is reserved on its membership stream before the
 * group records it, and given back if the group refuses: so two caseworkers adding one household
 * to two groups at the same moment cannot both succeed (ADR 0004).
 */
@CommandHandler(KubeCommandMessage)
export class KubeCommandHandler implements ICommandHandler<KubeCommandMessage> {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly reservations: Reservations,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute({ kubeId: given, action, context }: KubeCommandMessage): Promise<KubeCommandResponse> {
    const kubeId = given ?? idFor(context.idempotencyKey, context.principal.sub, 'kube');
    const size = this.config.kube;
    const at = context.now;
    const run = async (command: KubeCommand, reason?: string) => {
      const result = await this.executor.execute({
        stream: kubeStream(kubeId),
        decider: kubeDecider,
        command,
        context,
        ...(reason ? { reason } : {}),
      });
      return { id: kubeId, revision: result.revision, position: result.position };
    };
    switch (action.type) {
      case 'form': {
        const { type: _t, ...data } = action;
        const command: KubeCommand = { type: 'FormKube', data: { kubeId, ...data, size, at } };
        kubeDecider.decide(command, kubeDecider.initialState());
        for (const householdId of action.householdIds) await this.mustBeOpenCase(householdId);
        const release = await this.reservations.reserveAll(
          action.householdIds.map((h) => this.claim(h, context)),
          kubeId,
          context,
        );
        return this.orRelease(release, () => run(command));
      }
      case 'join': {
        await this.mustBeOpenCase(action.householdId);
        const release = await this.reservations.reserveAll([this.claim(action.householdId, context)], kubeId, context);
        return this.orRelease(release, () =>
          run({ type: 'JoinKube', data: { householdId: action.householdId, joinedOn: action.joinedOn, size, at } }),
        );
      }
      case 'leave': {
        const { type: _t, ...data } = action;
        const result = await run(
          { type: 'LeaveKube', data: { ...data, at } },
          action.detail ? `${action.reason}: ${action.detail}` : action.reason,
        );
        await this.reservations.release(this.claim(action.householdId, context), kubeId, context);
        return result;
      }
      case 'grant': {
        const { type: _t, ...data } = action;
        return run({ type: 'DisburseKubeGrant', data: { ...data, size, at } });
      }
      case 'report': {
        const { type: _t, ...data } = action;
        return run({ type: 'ReportKubeBusiness', data: { ...data, at } });
      }
      case 'dissolve': {
        const { state } = await this.executor.stateAt(kubeStream(kubeId), kubeDecider);
        const result = await run(
          { type: 'DissolveKube', data: { reason: action.reason, dissolvedOn: action.dissolvedOn, at } },
          action.reason,
        );
        for (const householdId of state.members)
          await this.reservations.release(this.claim(householdId, context), kubeId, context);
        return result;
      }
    }
  }

  private async orRelease<T>(release: () => Promise<void>, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      await release();
      throw error;
    }
  }

  private async mustBeOpenCase(householdId: string): Promise<void> {
    const { state } = await this.executor.stateAt(householdStream(householdId), householdDecider);
    if (state.status !== 'registered')
      throw notFound('KUBE.HOUSEHOLD_NOT_REGISTERED', `No household ${householdId}`, { householdId });
    if (state.caseStatus !== 'open')
      throw ruleBroken('KUBE.HOUSEHOLD_CASE_CLOSED', `Household ${householdId} has exited poverty`, { householdId });
  }

  private claim(householdId: string, context: CommandContext): Claim {
    const stream = kubeMembershipStream(householdId);
    return {
      stream,
      kind: 'kube-membership',
      conflictCode: 'KUBE.HOUSEHOLD_IN_ANOTHER_KUBE',
      conflictMessage: `Household ${householdId} is a member of another active Kube`,
      holderKey: 'kubeId',
      // A reservation left by a crash: old enough, and the holding group does not list the household.
      holderAbandoned: async (holder) => {
        const [last] = await this.store.readStream(stream, { direction: 'backwards', limit: 1 });
        if (!last || new Date(context.now).getTime() - new Date(last.recordedAt).getTime() < GRACE_MS) return false;
        const { state } = await this.executor.stateAt(kubeStream(holder), kubeDecider);
        return state.status !== 'active' || !state.members.includes(householdId);
      },
    };
  }
}
