import type { AllFilter } from './event-store.port.js';

/** Streams are named `<category>-<id>`; the category is the part before the first '-'. */
export function categoryOf(stream: string): string {
  const dash = stream.indexOf('-');
  return dash === -1 ? stream : stream.slice(0, dash);
}

export function streamName(category: string, id: string): string {
  if (category.includes('-')) throw new Error(`A category must not contain '-': ${category}`);
  return `${category}-${id}`;
}

export function idOf(stream: string): string {
  const dash = stream.indexOf('-');
  return dash === -1 ? '' : stream.slice(dash + 1);
}

/** Whether an event passes a feed filter (the same rule the adapters apply in their queries). */
export function matchesFilter(filter: AllFilter | undefined, event: { stream: string; type: string }): boolean {
  if (filter?.categories?.length && !filter.categories.includes(categoryOf(event.stream))) return false;
  if (filter?.types?.length && !filter.types.includes(event.type)) return false;
  return true;
}

/** appendMany's rule: each stream once (a second part would be checked against the first's revision). */
export function assertDistinctStreams(appends: ReadonlyArray<{ stream: string }>): void {
  const seen = new Set<string>();
  for (const { stream } of appends) {
    if (seen.has(stream)) throw new Error(`A multi-stream append names ${stream} twice`);
    seen.add(stream);
  }
}
