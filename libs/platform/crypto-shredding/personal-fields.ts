import { createHmac } from 'node:crypto';
import type { PrivacyPaths } from '#libs/platform/domain/index.js';
import { LruMap } from '#libs/platform/lru-map.js';
import type { NewEvent } from '#libs/platform/event-store/index.js';

/**
 * Which fields of an event type hold personal data, as paths into its `data`: `kk`,
 * `address.street`, `members[].name` (every element of a list). The capabilities declare them
 * beside their events; the platform only follows the paths.
 */
export type PersonalFields = (type: string) => readonly string[];

/** The value a field shows once its key is gone: same JSON type, nothing of the person. */
export const ERASED = '[erased]';

export function erasedValue(value: unknown): unknown {
  switch (typeof value) {
    case 'string':
      return ERASED;
    case 'number':
      return 0;
    case 'boolean':
      return false;
    default:
      return null;
  }
}

/**
 * The marker of a sealed identity (a NIK) while its owner's key exists: `[erased:` and 48 bits
 * of an HMAC of the value under that key. The same person reads as the same marker in every
 * event of the household (an invitation, an attendance list), so folds that key people by NIK
 * still count each one apart once the key is gone; without the key nobody can compute it, so it
 * tells nothing of the NIK.
 */
export function erasedIdentity(key: Buffer, value: unknown): unknown {
  if (typeof value !== 'string') return erasedValue(value);
  return `${ERASED.slice(0, -1)}:${createHmac('sha256', key).update(`identity\0${value}`).digest('hex').slice(0, 12)}]`;
}

/**
 * Whose key encrypts an event's personal fields: the household it names (`data.householdId`, or
 * `data.aboutHouseholdId` for a fact about a household kept out of its case file, such as a
 * complaint: ADR 0014), else the household whose stream it is on. Undefined: the event names no
 * household and is stored as it is.
 */
export function keyOwnerOf(stream: string, event: Pick<NewEvent, 'data'>): string | undefined {
  const data = event.data as { householdId?: unknown; aboutHouseholdId?: unknown } | null;
  if (data && typeof data.householdId === 'string') return `household-${data.householdId}`;
  if (data && typeof data.aboutHouseholdId === 'string') return `household-${data.aboutHouseholdId}`;
  return stream.startsWith('household-') ? stream : undefined;
}

/**
 * Calls `visit` for every value present at one of the paths (null too; absent keys are skipped;
 * `present[3]` is one element of a list)
 * in a fixed order, and returns a copy of `data` where each visited value is replaced by what
 * `visit` returned; `data` itself is never changed. A copy whose values were replaced has the
 * same keys and list lengths, so it is visited in the same order again.
 */
export function mapPaths(data: unknown, paths: readonly string[], visit: (value: unknown) => unknown): unknown {
  let copy = data;
  for (const path of paths) copy = mapPath(copy, stepsOf(path), 0, visit);
  return copy;
}

/** One step of a path: a key, every element of the list at a key (`members[]`), or one element (`present[3]`). */
interface Step {
  key: string;
  list: boolean;
  at: number | undefined;
}

/**
 * Paths parsed once: every sealed event and every read of one walks the same few declared paths
 * (and element paths such as `data.present[3]`), where splitting and matching each step on every
 * visit cost a sealed registration more than its envelope's cipher.
 */
const parsed = new LruMap<string, readonly Step[]>(4_096);

function stepsOf(path: string): readonly Step[] {
  let steps = parsed.get(path);
  if (!steps) parsed.set(path, (steps = path.split('.').map(parseStep)));
  return steps;
}

function parseStep(step: string): Step {
  const element = /^(.+)\[(\d+)\]$/.exec(step);
  if (element) return { key: element[1]!, list: false, at: Number(element[2]) };
  const list = step.endsWith('[]');
  return { key: list ? step.slice(0, -2) : step, list, at: undefined };
}

function mapPath(node: unknown, steps: readonly Step[], i: number, visit: (value: unknown) => unknown): unknown {
  if (i === steps.length) return node === undefined ? node : visit(node);
  if (node === null || typeof node !== 'object') return node;
  const { key, list, at } = steps[i]!;
  const record = node as Record<string, unknown>;
  if (at !== undefined) {
    const items = record[key];
    if (!Array.isArray(items) || at >= items.length) return node;
    const next = mapPath(items[at], steps, i + 1, visit);
    if (next === items[at]) return node;
    const copy = [...(items as unknown[])];
    copy[at] = next;
    return { ...record, [key]: copy };
  }
  if (!(key in record)) return node;
  const child = record[key];
  const next = list
    ? Array.isArray(child)
      ? child.map((element) => mapPath(element, steps, i + 1, visit))
      : child
    : mapPath(child, steps, i + 1, visit);
  return next === child ? node : { ...record, [key]: next };
}

/**
 * What is sealed of an event (ADR 0010): every field that names or describes a person, so that
 * nothing of the person is left once the key is gone. That is `personal` and `special`, and
 * `person` too: a NIK kept for pseudonyms is still a NIK in clear where it is stored.
 */
export function sealedPaths(paths: PrivacyPaths): string[] {
  return [...paths.person, ...paths.special, ...paths.personal];
}
