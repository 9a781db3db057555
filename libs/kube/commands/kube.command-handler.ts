import { Inject, Injectable } from '@nestjs/common';
import { HouseholdDirectory } from '#libs/households/index.js';
import {
  CommandExecutor,
  Reservations,
  idFor,
  type Claim,
  type CommandContext,
  type RevocableStream,
  type Alongside,
} from '#libs/platform/command-handling/index.js';
import { APP_CONFIG, type AppConfig } from '#libs/platform/config/index.js';
import type { RevocationEvent } from '#libs/platform/domain/index.js';
import { EVENT_STORE, type EventStore } from '#libs/platform/event-store/index.js';
import { commandResponse, type CommandResponse } from '#libs/platform/http/index.js';
import { StreamReader } from '#libs/platform/streams/index.js';
import {
  KUBE_REVOCATION_RULES,
  kubeDecider,
  type KubeCommand,
  type KubeEvent,
  type KubeHouseholdStanding,
} from '../domain/index.js';
import { kubeMembershipStream, kubeStream } from '../kube-streams.js';

const GRACE_MS = 2 * 60_000;

/**
 * The households an event puts into the group, and those it lets go: a revoked leaving or
 * dissolution puts them back, a revoked joining lets the household go (ADR 0019).
 */
const joinedBy = (event: KubeEvent | RevocationEvent): string[] => {
  if (event.type === 'KubeFormed') return event.data.householdIds;
  if (event.type === 'KubeMemberJoined') return [event.data.householdId];
  if (event.type !== 'EventRevoked') return [];
  const { eventType, householdId, householdIds } = event.data;
  if (eventType === 'KubeMemberLeft' && householdId) return [householdId];
  return eventType === 'KubeDissolved' ? (householdIds ?? []) : [];
};
const releasedBy = (event: KubeEvent | RevocationEvent): string[] => {
  if (event.type === 'KubeMemberLeft') return [event.data.householdId];
  if (event.type === 'KubeDissolved') return event.data.householdIds;
  const revoked = event.type === 'EventRevoked' ? event.data : undefined;
  return revoked?.eventType === 'KubeMemberJoined' && revoked.householdId ? [revoked.householdId] : [];
};

type FormRequest = Omit<Extract<KubeCommand, { type: 'FormKube' }>['data'], 'kubeId' | 'standing' | 'size' | 'at'>;
type GrantRequest = Omit<Extract<KubeCommand, { type: 'DisburseKubeGrant' }>['data'], 'size' | 'at'>;

/**
 * Every Kube command goes through here, on the group's stream. A household's place in a group is
 * reserved on its membership stream after the decider accepted and before the group records it,
 * and given back if the append fails, when it leaves or when the group dissolves: so two
 * caseworkers adding one household to two groups at the same moment cannot both succeed (ADR 0004).
 * Forming, joining and grants first gather what they need: the households' standing in the
 * registry and the deployment's group sizes.
 */
@Injectable()
export class KubeCommandHandler {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly reservations: Reservations,
    private readonly reader: StreamReader,
    private readonly households: HouseholdDirectory,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute(
    kubeId: string,
    command: KubeCommand,
    context: CommandContext,
    reason?: string,
  ): Promise<CommandResponse> {
    const result = await this.executor.execute({
      stream: kubeStream(kubeId),
      decider: kubeDecider,
      command,
      context,
      ...(reason ? { reason } : {}),
      alongside: (events) => this.reserve(events.flatMap(joinedBy), kubeId, context),
    });
    for (const householdId of result.events.flatMap(releasedBy))
      await this.reservations.release(this.claim(householdId, context), kubeId, context);
    return commandResponse(kubeId, result);
  }

  /**
   * The group's stream for corrections (ADR 0019), with the same reservations as its commands: a
   * revoked leaving or dissolution holds the households' places again (refused if one is in
   * another group by now; not once the group is dissolved), a revoked joining gives it back.
   */
  revocable(kubeId: string, context: CommandContext): RevocableStream {
    return {
      stream: kubeStream(kubeId),
      decider: kubeDecider,
      rules: KUBE_REVOCATION_RULES,
      alongside: async (events) => {
        const back = events.flatMap(joinedBy);
        if (back.length === 0) return [];
        const { state } = await this.reader.stateAt(kubeStream(kubeId), kubeDecider);
        const dissolution = events.some((e) => e.type === 'EventRevoked' && e.data.eventType === 'KubeDissolved');
        if (state.status !== 'active' && !dissolution) return [];
        return this.reserve(back, kubeId, context);
      },
      afterAppend: async (events) => {
        for (const householdId of events.flatMap(releasedBy))
          await this.reservations.release(this.claim(householdId, context), kubeId, context);
      },
    };
  }

  async form(request: FormRequest, context: CommandContext): Promise<CommandResponse> {
    const kubeId = idFor(context.idempotencyKey, context.principal.sub, 'kube');
    const standing: Record<string, KubeHouseholdStanding> = {};
    for (const householdId of request.householdIds) standing[householdId] = await this.standingOf(householdId);
    const data = { kubeId, ...request, standing, size: this.config.kube, at: context.now };
    return this.execute(kubeId, { type: 'FormKube', data }, context);
  }

  async join(kubeId: string, householdId: string, joinedOn: string, context: CommandContext): Promise<CommandResponse> {
    const standing = await this.standingOf(householdId);
    const data = { householdId, standing, joinedOn, size: this.config.kube, at: context.now };
    return this.execute(kubeId, { type: 'JoinKube', data }, context);
  }

  async grant(kubeId: string, request: GrantRequest, context: CommandContext): Promise<CommandResponse> {
    const data = { ...request, size: this.config.kube, at: context.now };
    return this.execute(kubeId, { type: 'DisburseKubeGrant', data }, context);
  }

  private async standingOf(householdId: string): Promise<KubeHouseholdStanding> {
    const household = await this.households.find(householdId);
    return !household.registered ? 'not_registered' : household.caseOpen ? 'open_case' : 'closed_case';
  }

  private async reserve(householdIds: string[], kubeId: string, context: CommandContext): Promise<Alongside[]> {
    if (householdIds.length === 0) return [];
    return this.reservations.claimAll(
      householdIds.map((h) => this.claim(h, context)),
      kubeId,
    );
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
        const { state } = await this.reader.stateAt(kubeStream(holder), kubeDecider);
        return state.status !== 'active' || !state.members.includes(householdId);
      },
    };
  }
}
