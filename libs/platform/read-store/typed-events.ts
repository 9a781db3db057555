import type { DomainEvent } from '#libs/platform/domain/index.js';
import type { RecordedEvent } from '#libs/platform/event-store/index.js';

/**
 * A recorded event of a union of domain events, one member per event type: a check of `type`
 * narrows `data`, so a projection reads fields the compiler knows (renaming one breaks the build
 * of every read model that reads it).
 */
export type Recorded<E extends DomainEvent> = E extends DomainEvent<infer T, infer D> ? RecordedEvent<T, D> : never;

/**
 * The one narrowing of a read model: the feed hands it `RecordedEvent`s of the categories its
 * filter names, and this types them as the union of those categories' events. Types only: it
 * returns its argument.
 */
export function recordedAs<E extends DomainEvent>(events: readonly RecordedEvent[]): readonly Recorded<E>[] {
  return events as readonly Recorded<E>[];
}

/**
 * The default branch of a read model's switch over its events. It type-checks only once every
 * event type of the union has its case (`event` is then `never`), so a read model that forgets
 * one fails `tsc`. At run time an event of a type the union does not know yet (written by a newer
 * version) changes nothing, as before.
 */
export function otherEvent(_event: never): void {}
