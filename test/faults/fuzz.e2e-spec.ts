import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { household, startTestApp, type TestApp } from '../support/test-app.js';

/**
 * Property-based requests against every command route of the OpenAPI document: arbitrary JSON,
 * schema-shaped bodies with hostile values, malformed JSON and wrong content types. No 5xx,
 * every refusal is problem+json, and a refused request appends nothing.
 */
describe('fuzzing every POST route of the OpenAPI document', () => {
  let t: TestApp;
  let token: string;
  const params: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp();
    token = await t.token('admin', 'fuzz-admin');
    const cw = await t.token('caseworker', 'cw-fuzz');
    const body = household();
    const created = await t.http
      .post('/api/v1/households')
      .set({ authorization: `Bearer ${cw}` })
      .send(body)
      .expect(201);
    params.id = created.body.id;
    params.householdId = created.body.id;
    params.nik = body.members[1]!.nik;
  });
  afterAll(async () => t.close());

  const hostile = fc.oneof(
    fc.string(),
    fc.string({ unit: 'grapheme', maxLength: 50 }),
    fc.constant('x'.repeat(100_000)),
    fc.integer(),
    fc.constantFrom(-1, 0, Number.MAX_SAFE_INTEGER, 1e308, -1e308, 0.5),
    fc.boolean(),
    fc.constant(null),
    fc.array(fc.string(), { maxLength: 3 }),
    fc.constant(Array.from({ length: 2000 }, () => 'a')),
    fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 }),
  );

  type Schema = { properties?: Record<string, unknown>; $ref?: string };

  it('never answers 5xx, always problem+json on refusal, and appends nothing it refuses', async () => {
    const doc = (await t.http.get('/docs/openapi.json').expect(200)).body as {
      paths: Record<string, { post?: { requestBody?: { content?: Record<string, { schema?: Schema }> } } }>;
      components: { schemas: Record<string, Schema> };
    };
    const routes = Object.entries(doc.paths).filter(([, ops]) => ops.post);
    expect(routes.length).toBeGreaterThan(20);
    const fieldsOf = (schema: Schema | undefined): string[] => {
      const resolved = schema?.$ref ? doc.components.schemas[schema.$ref.split('/').pop()!] : schema;
      return Object.keys(resolved?.properties ?? {});
    };

    const statuses = new Map<number, number>();
    const tokens = [token, await t.token('supervisor', 'sv-fuzz'), await t.token('caseworker', 'cw-fuzz')];
    for (const [path, ops] of routes) {
      const url = path.replace(/\{(\w+)\}/g, (_, name: string) => params[name] ?? 'not-a-real-id');
      // The first role the route lets in, so that bodies reach validation and the rules.
      let bearer = tokens[0]!;
      for (const candidate of tokens) {
        bearer = candidate;
        if (
          (
            await t.http
              .post(url)
              .set({ authorization: `Bearer ${candidate}` })
              .send({})
          ).status !== 403
        )
          break;
      }
      const fields = fieldsOf(ops.post!.requestBody?.content?.['application/json']?.schema);
      const body = fc.oneof(
        fc.anything({ maxDepth: 2 }),
        fields.length
          ? fc.record(Object.fromEntries(fields.map((f) => [f, hostile])), { requiredKeys: [] })
          : fc.object({ maxDepth: 1 }),
      );
      const raw = fc.oneof(
        fc.constantFrom('{', '{"a":', '[1,2', 'null', '"text"', '{"kk": "\u0000"}', ''),
        fc.string({ maxLength: 40 }),
      );
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            body.map((b) => ({ kind: 'json' as const, b })),
            raw.map((r) => ({ kind: 'raw' as const, r })),
          ),
          fc.constantFrom('application/json', 'text/plain', 'application/xml'),
          async (input, contentType) => {
            const head = await t.store.headPosition();
            const request = t.http.post(url).set({
              authorization: `Bearer ${bearer}`,
              'content-type': input.kind === 'json' ? 'application/json' : contentType,
            });
            const response = await (input.kind === 'json'
              ? request.send(JSON.stringify(input.b) ?? 'null')
              : request.send(input.r));
            statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
            if (response.status >= 500)
              throw new Error(`${path} answered ${response.status}: ${response.text.slice(0, 300)}`);
            if (response.status >= 400) {
              expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
              expect(typeof response.body.code).toBe('string');
              expect(await t.store.headPosition()).toBe(head);
            }
          },
        ),
        { numRuns: 25, seed: 20261129 },
      );
    }
    // The inputs reached validation and the rules, not only the doors.
    expect(statuses.get(400)).toBeGreaterThan(100);
    expect([...statuses.keys()].every((s) => s < 500)).toBe(true);
    process.stderr.write(`fuzz statuses: ${JSON.stringify(Object.fromEntries(statuses))}\n`);
  }, 120_000);
});
