/** The metadata every event needs, for tests that write events straight into a store. */
export const testMetadata = {
  actor: 'cw-01',
  role: 'caseworker',
  correlationId: 'c',
  causationId: 'k',
  occurredAt: '2026-03-01T00:00:00.000Z',
  schemaVersion: 1,
};
