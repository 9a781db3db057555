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
