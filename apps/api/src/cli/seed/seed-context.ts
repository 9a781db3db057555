import type { INestApplicationContext } from '@nestjs/common';
import { HouseholdCommandHandler } from '#libs/households/index.js';
import { KubeCommandHandler } from '#libs/kube/index.js';
import { PkhCommandHandler } from '#libs/pkh/index.js';
import type { Role } from '#libs/platform/auth/index.js';
import type { CommandContext } from '#libs/platform/command-handling/index.js';
import { DomainError } from '#libs/platform/domain/index.js';
import { AREAS, KECAMATAN } from '#libs/reference-data/index.js';
import { TrainingCommandHandler } from '#libs/training/index.js';
import { prng, type Random } from './seed-random.js';

export interface SeedOptions {
  households: number;
  seed: number;
  log?: (message: string) => void;
}

export const AREA_LIST = KECAMATAN.flatMap((kecamatan, k) =>
  AREAS[kecamatan]!.map((kelurahan, l) => ({ kecamatan, kelurahan, k, l })),
);
export type Area = (typeof AREA_LIST)[number];

export const caseworkerOf = (a: { k: number; l: number }) =>
  `cw-${String(a.k + 1).padStart(2, '0')}${String(a.l + 1).padStart(2, '0')}`;
export const supervisorOf = (a: { k: number }) => `sv-${String(a.k + 1).padStart(2, '0')}`;

export interface SeededHousehold {
  id: string;
  area: Area;
  members: Array<{ nik: string; relationship: string }>;
  pkh: boolean;
}

/** What every part of the seed shares: the command handlers, the random source and the tally. */
export class Seeding {
  readonly rnd: Random;
  readonly households: HouseholdCommandHandler;
  readonly pkh: PkhCommandHandler;
  readonly kubes: KubeCommandHandler;
  readonly trainings: TrainingCommandHandler;
  commands = 0;
  refused = 0;
  readonly refusals: Record<string, number> = {};

  constructor(
    readonly app: INestApplicationContext,
    readonly options: SeedOptions,
  ) {
    this.rnd = prng(options.seed);
    this.households = app.get(HouseholdCommandHandler, { strict: false });
    this.pkh = app.get(PkhCommandHandler, { strict: false });
    this.kubes = app.get(KubeCommandHandler, { strict: false });
    this.trainings = app.get(TrainingCommandHandler, { strict: false });
  }

  /** A command's context as if sent by `sub`, at `now`, with an idempotency key of its own. */
  ctx(sub: string, role: Role, now: string, key: string): CommandContext {
    const id = `seed-${this.options.seed}-${key}`;
    return { principal: { sub, role }, correlationId: id, causationId: id, now, idempotencyKey: id };
  }

  /** Domain refusals (course full, Kube size...) are part of a realistic city: count them, go on. */
  async send<T>(command: () => Promise<T>): Promise<T | undefined> {
    this.commands += 1;
    try {
      return await command();
    } catch (error) {
      if (error instanceof DomainError) {
        this.refused += 1;
        this.refusals[error.code] = (this.refusals[error.code] ?? 0) + 1;
        return undefined;
      }
      throw error;
    }
  }
}
