import { randomBytes } from 'node:crypto';
import { LruMap } from '#libs/platform/lru-map.js';
import type { KeyStore } from './key-store.js';

const DEFAULT_CACHED_KEYS = 10_000;

/**
 * The keys of personal data, from their store, the most recently used kept in memory (a bound,
 * so a city's keys do not all sit in the heap). An erased key is remembered as erased; every
 * process learns of an erasure from the erasure event in the feed (see PersonalDataEventStore)
 * and drops the key then, and tells its listeners (caches of folded state) to drop what they hold.
 */
export class Keyring {
  private readonly cache: LruMap<string, Buffer | null>;
  private readonly listeners: Array<(keyId: string) => void> = [];
  /** Keys being fetched or made: the events of one append that share an owner ask once. */
  private readonly pending = new Map<string, Promise<Buffer | null>>();

  constructor(
    private readonly store: KeyStore,
    private readonly now: () => string = () => new Date().toISOString(),
    capacity = DEFAULT_CACHED_KEYS,
  ) {
    this.cache = new LruMap(capacity);
  }

  /** The owner's key, made on first need; null once erased (nothing personal is stored then). */
  async keyForWriting(keyId: string): Promise<Buffer | null> {
    const cached = this.cache.get(keyId);
    if (cached !== undefined) return cached;
    let making = this.pending.get(keyId);
    if (!making) {
      making = (async () => {
        try {
          const key = (await this.store.find(keyId)) ?? (await this.store.create(keyId, randomBytes(32), this.now()));
          this.cache.set(keyId, key);
          return key;
        } finally {
          this.pending.delete(keyId);
        }
      })();
      this.pending.set(keyId, making);
    }
    return making;
  }

  /** The owner's key, or null when it is erased or was never made. */
  async keyForReading(keyId: string): Promise<Buffer | null> {
    const cached = this.cache.get(keyId);
    if (cached !== undefined) return cached;
    const key = (await this.store.find(keyId)) ?? null;
    // Never made: not cached, a writer in another process may make it any moment.
    if (key) this.cache.set(keyId, key);
    return key;
  }

  /** Deletes the key for good (idempotent) and tells the listeners. */
  async erase(keyId: string): Promise<void> {
    if (this.cache.get(keyId) === null) return;
    await this.store.erase(keyId, this.now());
    this.cache.set(keyId, null);
    for (const listener of this.listeners) listener(keyId);
  }

  onErased(listener: (keyId: string) => void): void {
    this.listeners.push(listener);
  }

  close(): Promise<void> {
    return this.store.close();
  }
}
