/** A node of an OpenAPI document read as plain JSON: the document passes and the tests walk it by key. */
export type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
