import type { AddressInfo } from 'node:net';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { jejakClient, type JejakClient, type components } from '#libs/client/index.js';
import { JWT_SECRET, signToken, type Role } from '#libs/platform/auth/index.js';
import { APP_CONFIG, type AppConfig } from '#libs/platform/config/index.js';
import { ReceiptClock } from '#libs/platform/index.js';
import { AREAS, KECAMATAN } from '#libs/reference-data/index.js';
import { prng, type Random } from './seed-random.js';

export interface SeedOptions {
  households: number;
  seed: number;
  log?: (message: string) => void;
}

/** The document names the kecamatan (an enum); the reference data are where they come from. */
type Kecamatan = components['schemas']['RegisterHouseholdRequestDto']['address']['kecamatan'];

export const AREA_LIST = KECAMATAN.flatMap((kecamatan, k) =>
  AREAS[kecamatan]!.map((kelurahan, l) => ({ kecamatan: kecamatan as Kecamatan, kelurahan, k, l })),
);
export type Area = (typeof AREA_LIST)[number];

export const caseworkerOf = (a: { k: number; l: number }) =>
  `cw-${String(a.k + 1).padStart(2, '0')}${String(a.l + 1).padStart(2, '0')}`;
export const supervisorOf = (a: { k: number }) => `sv-${String(a.k + 1).padStart(2, '0')}`;
/** Who sends a command: the kelurahan's caseworker, or the kecamatan's supervisor (who reaches all its households). */
export const caseworker = (a: { k: number; l: number }) => ({ sub: caseworkerOf(a), role: 'caseworker' as const });
export const supervisor = (a: { k: number }) => ({ sub: supervisorOf(a), role: 'supervisor' as const });

export interface SeededHousehold {
  id: string;
  area: Area;
  members: Array<{ nik: string; relationship: string }>;
  pkh: boolean;
}

/** What the typed client answers: the body on success, the problem on failure. */
interface Answer<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** Headers that make a request the seed's `key`: its idempotency key and its request (and correlation) id. */
export type SeedHeaders = Record<string, string>;

/** A domain refusal: part of a realistic city (course full, Kube size...), counted by its code. */
const REFUSALS = new Set([404, 409, 422]);

/**
 * What every part of the seed shares: a typed client per staff member, the random source and
 * the tally. Every command goes through the HTTP API of this process (its routes, guards, access
 * scope and DTO validation), received at the seed's back-dated time (ReceiptClock).
 */
export class Seeding {
  readonly rnd: Random;
  commands = 0;
  refused = 0;
  readonly refusals: Record<string, number> = {};
  private readonly clients = new Map<string, Promise<JejakClient>>();

  private constructor(
    private readonly baseUrl: string,
    private readonly secret: string,
    /** Seconds: the longest the service accepts (JWT_MAX_LIFETIME). */
    private readonly tokenLifetime: number,
    private readonly clock: ReceiptClock,
    readonly options: SeedOptions,
  ) {
    this.rnd = prng(options.seed);
  }

  /**
   * Over an ephemeral loopback port of this process (or the one it already listens on): Fastify's
   * inject would spare the socket, but pulls in an ESM-only module that Jest cannot load, and the
   * end-to-end tests seed too.
   */
  static async open(app: NestFastifyApplication, options: SeedOptions): Promise<Seeding> {
    const server = app.getHttpServer();
    if (!server.listening) await app.listen(0, '127.0.0.1');
    const { port } = server.address() as AddressInfo;
    const secret = app.get<string>(JWT_SECRET, { strict: false });
    if (!secret) throw new Error('The seed signs local tokens: it cannot run with JWT_JWKS_URL set');
    const { tokens } = app.get<AppConfig>(APP_CONFIG, { strict: false });
    const clock = app.get(ReceiptClock, { strict: false });
    return new Seeding(`http://127.0.0.1:${port}`, secret, tokens.maxLifetimeSeconds, clock, options);
  }

  /** The client of `sub` with a token minted as the tests mint theirs. */
  private client(sub: string, role: Role): Promise<JejakClient> {
    let client = this.clients.get(sub);
    if (!client) {
      client = signToken(this.secret, { sub, role }, this.tokenLifetime).then((token) =>
        jejakClient({ baseUrl: this.baseUrl, token }),
      );
      this.clients.set(sub, client);
    }
    return client;
  }

  /**
   * Sends one request as `sub`, received at `now`, keyed `key` (idempotency key and request id,
   * so ids derived from them are the same on every run of a seed). Domain refusals are counted and
   * answer undefined; anything else the API refuses is a bug of the seed and stops it.
   */
  async send<T>(
    as: { sub: string; role: Role },
    now: string,
    key: string,
    request: (api: JejakClient, headers: SeedHeaders) => Promise<Answer<T>>,
  ): Promise<T | undefined> {
    this.commands += 1;
    return this.call(as, now, key, request);
  }

  /** A read at `now` (not a command: not counted). */
  read<T>(
    as: { sub: string; role: Role },
    now: string,
    request: (api: JejakClient) => Promise<Answer<T>>,
  ): Promise<T | undefined> {
    return this.call(as, now, undefined, request);
  }

  /** Work of this process that is not a request (the complaint escalation sweep), done at `now`. */
  async during<T>(now: string, work: () => Promise<T>): Promise<T> {
    this.clock.hold(now);
    try {
      return await work();
    } finally {
      this.clock.hold(undefined);
    }
  }

  private async call<T>(
    as: { sub: string; role: Role },
    now: string,
    key: string | undefined,
    request: (api: JejakClient, headers: SeedHeaders) => Promise<Answer<T>>,
  ): Promise<T | undefined> {
    const id = key === undefined ? undefined : `seed-${this.options.seed}-${key}`;
    const headers: SeedHeaders = id ? { 'idempotency-key': id, 'x-request-id': id } : {};
    this.clock.hold(now);
    try {
      const { data, error, response } = await request(await this.client(as.sub, as.role), headers);
      if (response.ok) return data;
      const code = (error as { code?: string } | undefined)?.code;
      if (code && REFUSALS.has(response.status)) {
        this.refused += 1;
        this.refusals[code] = (this.refusals[code] ?? 0) + 1;
        return undefined;
      }
      throw new Error(`${response.status} from ${response.url}: ${JSON.stringify(error)}`);
    } finally {
      this.clock.hold(undefined);
    }
  }
}
