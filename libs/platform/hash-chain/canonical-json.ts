/**
 * JSON with object keys sorted at every depth: the same value always gives the same text.
 * Written for speed: it runs for every event the audit chain links (a hot path in rebuilds and
 * on every command) and every entry of the access log, and the text it gives must never change
 * (stored chains depend on it; a property test holds it to the first implementation). In the
 * platform so that both chains link with it (the platform imports no capability).
 */
export function canonicalJson(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      // What JSON.stringify gives: the shortest round-trip text, and null for NaN and ±Infinity.
      return Number.isFinite(value) ? String(value) : 'null';
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      if (value === null) return 'null';
      return Array.isArray(value) ? arrayJson(value) : objectJson(value as Record<string, unknown>);
    default:
      // undefined, functions and symbols as JSON.stringify has them in arrays; a bigint throws.
      return JSON.stringify(value) ?? 'null';
  }
}

function arrayJson(array: readonly unknown[]): string {
  let out = '[';
  for (let i = 0; i < array.length; i++) out += (i ? ',' : '') + canonicalJson(array[i]);
  return out + ']';
}

function objectJson(object: Record<string, unknown>): string {
  const keys = Object.keys(object);
  sortKeys(keys);
  let out = '{';
  for (const key of keys) {
    const v = object[key];
    if (v === undefined) continue;
    out += (out.length > 1 ? ',' : '') + quoted(key) + ':' + canonicalJson(v);
  }
  return out + '}';
}

/**
 * Sorts `keys` in place as Array#sort would (by UTF-16 code units; keys are distinct). An event's
 * objects have a handful of keys, often already in order: an insertion sort then allocates
 * nothing and does one comparison per key, where Array#sort copies the array (12 % of the bytes a
 * rebuild allocated went there).
 */
function sortKeys(keys: string[]): void {
  if (keys.length > 32) {
    for (let i = 1; i < keys.length; i++) if (keys[i - 1]! > keys[i]!) return void keys.sort();
    return;
  }
  for (let i = 1; i < keys.length; i++) {
    const key = keys[i]!;
    let j = i - 1;
    while (j >= 0 && keys[j]! > key) {
      keys[j + 1] = keys[j]!;
      j--;
    }
    keys[j + 1] = key;
  }
}

/** Keys repeat from event to event ("actor", "occurredAt", ...): quote each once. */
const QUOTED_KEYS = new Map<string, string>();
const MAX_QUOTED_KEYS = 10_000;

function quoted(key: string): string {
  let text = QUOTED_KEYS.get(key);
  if (text === undefined) {
    text = JSON.stringify(key);
    if (QUOTED_KEYS.size < MAX_QUOTED_KEYS) QUOTED_KEYS.set(key, text);
  }
  return text;
}

/**
 * canonicalJson and the functions it calls, as the text of a script that defines them: for a
 * worker thread (started from text, as it cannot load this TypeScript under Jest) to give the very
 * same text, from the same code rather than a copy kept beside it.
 */
export const CANONICAL_JSON_SCRIPT = [
  `const QUOTED_KEYS = new Map();`,
  `const MAX_QUOTED_KEYS = ${MAX_QUOTED_KEYS};`,
  ...[canonicalJson, arrayJson, objectJson, sortKeys, quoted].map(String),
].join('\n');
