import type { PrivacyClass, PrivacyPolicy } from '#libs/platform/domain/index.js';
import { categoryOf, idOf, streamName, type RecordedEvent } from '#libs/platform/event-store/index.js';
import type { Pseudonyms } from './pseudonyms.js';

/** An event as a reader without the right to personal data sees it. */
export interface PiiFreeEvent {
  eventId: string;
  /** With a household's id replaced by its pseudonym (`household-h_…`, `pkh-h_…`). */
  stream: string;
  revision: number;
  position: number;
  type: string;
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
  recordedAt: string;
  /** The key that made this event's pseudonyms: a job joins only pseudonyms of one key. */
  pseudonymKey: string;
}

/** The declared paths of one event type as a tree: `members[].name` is members → [] → name. */
interface Node {
  kind?: PrivacyClass;
  children: Map<string, Node>;
}

function treeOf(fields: Readonly<Record<string, PrivacyClass>>): Node {
  const root: Node = { children: new Map() };
  for (const [path, kind] of Object.entries(fields)) {
    let node = root;
    for (const segment of path.replace(/\[\]/g, '.[]').split('.')) {
      let child = node.children.get(segment);
      if (!child) node.children.set(segment, (child = { children: new Map() }));
      node = child;
    }
    node.kind = kind;
  }
  return root;
}

/**
 * The one redaction of every PII-free path (reporters' `/events`, the Kafka relay without PII,
 * exports, the reporting job's input): an allow-list. Of an event's data only what its type
 * declares `public` stays, people and households become keyed pseudonyms, and everything else
 * (undeclared fields included) is dropped; metadata likewise. Events of internal streams
 * (reservations) and of undeclared categories are not shown at all.
 */
export class PiiFreeView {
  private readonly trees = new Map<string, Node>();
  private readonly metadataTree: Node;

  constructor(
    private readonly policy: PrivacyPolicy,
    private readonly pseudonyms: Pseudonyms,
  ) {
    this.metadataTree = treeOf(policy.metadata);
  }

  get keyId(): string {
    return this.pseudonyms.keyId;
  }

  /** The event as PII-free readers see it, or null when they do not see it at all. */
  event(event: RecordedEvent): PiiFreeEvent | null {
    const stream = this.stream(event.stream);
    if (stream === null) return null;
    return {
      eventId: event.eventId,
      stream,
      revision: event.revision,
      position: event.position,
      type: event.type,
      data: this.object(event.data, this.treeFor(event.type)),
      metadata: this.object(event.metadata, this.metadataTree),
      recordedAt: event.recordedAt,
      pseudonymKey: this.pseudonyms.keyId,
    };
  }

  /** The stream name PII-free readers see, or null for a stream they do not see. */
  stream(stream: string): string | null {
    const category = categoryOf(stream);
    switch (this.policy.streams[category] ?? 'internal') {
      case 'public':
        return stream;
      case 'household':
        return streamName(category, this.pseudonyms.household(idOf(stream)));
      case 'internal':
        return null;
    }
  }

  private treeFor(type: string): Node {
    let tree = this.trees.get(type);
    if (!tree) this.trees.set(type, (tree = treeOf(this.policy.events[type] ?? {})));
    return tree;
  }

  private object(value: unknown, node: Node): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return out;
    const record = value as Record<string, unknown>;
    for (const [key, child] of node.children) {
      if (!(key in record)) continue;
      const shown = this.field(record[key], child);
      if (shown !== undefined) out[key] = shown;
    }
    return out;
  }

  /** A field's value as shown, or undefined to drop it. */
  private field(value: unknown, node: Node): unknown {
    if (node.kind) return this.leaf(value, node.kind);
    const items = node.children.get('[]');
    if (items) return Array.isArray(value) ? value.map((item) => this.object(item, items)) : undefined;
    return value === null ? null : this.object(value, node);
  }

  private leaf(value: unknown, kind: PrivacyClass): unknown {
    switch (kind) {
      case 'public':
        return isPlain(value) ? value : undefined;
      case 'person':
      case 'household': {
        const pseudonym = (v: unknown) =>
          typeof v === 'string' ? (kind === 'person' ? this.pseudonyms.person(v) : this.pseudonyms.household(v)) : null;
        if (Array.isArray(value)) return value.map(pseudonym);
        return value === null ? null : (pseudonym(value) ?? undefined);
      }
      case 'special':
      case 'personal':
        return undefined;
    }
  }
}

/** A public leaf is a plain value or a list of them; an object where a leaf was declared is dropped. */
const isPlain = (value: unknown): boolean =>
  value === null ||
  ['string', 'number', 'boolean'].includes(typeof value) ||
  (Array.isArray(value) && value.every((v) => v === null || ['string', 'number', 'boolean'].includes(typeof v)));
