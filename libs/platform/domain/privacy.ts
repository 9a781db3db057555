import type { DomainEvent } from './decider.js';

/**
 * What a field of an event is, for readers without the right to personal data (the reporter
 * role, `/events` for reporters, Kafka without PII, exports, the reporting job):
 * - `public`: they see it as stored (codes, amounts, dates of business facts, areas down to the
 *   kelurahan, ids of groups, courses and staff);
 * - `person` / `household`: they see a keyed pseudonym instead (a NIK, a household id);
 * - `special`: health and disability (UU 27/2022, special categories): never shown to them, only
 *   counted in reports;
 * - `personal`: names, NIK and KK numbers kept as such, birth dates, street addresses, free text,
 *   notes, reasons and references: dropped (and, with crypto-shredding, encrypted at rest).
 * A field that is not declared is dropped, like `personal`.
 */
export type PrivacyClass = 'public' | 'person' | 'household' | 'special' | 'personal';

type Leaf = string | number | boolean | bigint | null | undefined;

/** The path of a value under key K: itself for a plain value or a list of plain values. */
type PathUnder<K extends string, V> = V extends Leaf
  ? K
  : V extends readonly (infer U)[]
    ? NonNullable<U> extends Leaf
      ? K
      : `${K}[].${FieldPaths<NonNullable<U>>}`
    : `${K}.${FieldPaths<V>}`;

/**
 * Every leaf path of a data shape: `kk`, `address.street`, `members[].name`; a list of plain
 * values (`householdIds`) is one leaf, its class applies to each element.
 */
export type FieldPaths<T> = { [K in keyof T & string]-?: PathUnder<K, NonNullable<T[K]>> }[keyof T & string];

/** The class of every field of one event's data: a missing or misspelt path does not compile. */
export type FieldPrivacy<Data> = { readonly [P in FieldPaths<Data>]: PrivacyClass };

/**
 * One capability's declarations, one entry per event type of its union: an event type without
 * its declaration (or a declaration of a type that does not exist) does not compile.
 */
export type EventPrivacy<E extends DomainEvent> = {
  readonly [T in E['type']]: FieldPrivacy<Extract<E, { type: T }>['data']>;
};

/** What the registry holds of any capability: event type to path to class. */
export type PrivacyDeclarations = Readonly<Record<string, Readonly<Record<string, PrivacyClass>>>>;

/** The paths of one event type by what happens to them; `public` is what stays as it is. */
export interface PrivacyPaths {
  public: string[];
  person: string[];
  household: string[];
  special: string[];
  personal: string[];
}

/**
 * The paths of an event type by class (for encryption at rest: `personal` and `special`; for
 * pseudonyms: `person` and `household`). An unknown type has no paths: all of its data is
 * dropped from PII-free views, and none of it is known to be personal.
 */
export function privacyPathsOf(declarations: PrivacyDeclarations, type: string): PrivacyPaths {
  const paths: PrivacyPaths = { public: [], person: [], household: [], special: [], personal: [] };
  for (const [path, kind] of Object.entries(declarations[type] ?? {})) paths[kind].push(path);
  return paths;
}

/**
 * What a stream name may show: `public` as it is (`kube-<id>`), `household` with its id replaced
 * by the household's pseudonym (`pkh-<householdId>`), `internal` not at all (reservations: their
 * events stay out of PII-free views). A category that is not declared is internal.
 */
export type StreamPrivacy = 'public' | 'household' | 'internal';

/** Everything a redaction needs to know: every event type, the metadata and the stream categories. */
export interface PrivacyPolicy {
  events: PrivacyDeclarations;
  metadata: Readonly<Record<string, PrivacyClass>>;
  streams: Readonly<Record<string, StreamPrivacy>>;
}
