/**
 * A node of an OpenAPI document read as plain JSON: the document passes and the tests walk it by
 * key to any depth, where a typed schema would need a cast at every step. `any` is the point here,
 * so the lint rule is off for this one line.
 */
export type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
