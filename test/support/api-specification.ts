import { randomUUID } from 'node:crypto';
import { expect } from '@jest/globals';
import type request from 'supertest';
import type { DomainEvent } from '#libs/platform/domain/index.js';
import { testMetadata } from './events.js';
import type { TestApp } from './test-app.js';

type Http = ReturnType<typeof request>;

/**
 * Given events already in streams, when an HTTP request, then its response and the events it
 * appended (to any stream, in commit order), on the real application and store:
 *
 *   const spec = apiSpecification(app);
 *   const result = await spec
 *     .given({ [householdStream(id)]: [registered] })
 *     .when((http, auth) => http.post(`/api/v1/households/${id}/pkh/enrolment`).set(auth).send(body));
 *   result.thenWrote(200, [{ stream: pkhStream(id), type: 'EnrolledInPkh' }]);
 */
export function apiSpecification(t: TestApp) {
  return {
    given(streams: Record<string, DomainEvent[]> = {}) {
      return {
        async when(
          send: (http: Http, auth: { authorization: string }) => request.Test,
          role: Parameters<TestApp['token']>[0] = 'caseworker',
          sub?: string,
        ) {
          for (const [stream, events] of Object.entries(streams)) {
            if (events.length === 0) continue;
            const newEvents = events.map((e) => ({ eventId: randomUUID(), ...e, metadata: testMetadata }));
            await t.store.append(stream, newEvents, 'any');
          }
          const before = await t.store.headPosition();
          const authorization = `Bearer ${await t.token(role, sub)}`;
          const response = await send(t.http, { authorization });
          const appended = await t.store.readAll({ after: before, limit: 10_000 });
          return {
            response,
            /** The new events as `{ stream, type, data }`, in commit order. */
            events: appended.map(({ stream, type, data }) => ({ stream, type, data })),
            /**
             * Asserts the response status and the new events of the streams named (others ignored),
             * in order within each stream: appends to different streams may commit in any order.
             */
            thenWrote(status: number, expected: Array<{ stream: string; type: string; data?: unknown }>) {
              expect(response.status).toBe(status);
              const named = new Set(expected.map((e) => e.stream));
              const byStream = <T extends { stream: string }>(list: T[]) =>
                [...list].sort((a, b) => a.stream.localeCompare(b.stream));
              const actual = appended.filter((e) => named.has(e.stream));
              expect(byStream(actual).map(({ stream, type, data }) => ({ stream, type, data }))).toEqual(
                byStream(expected).map((e) => (e.data === undefined ? { ...e, data: expect.anything() } : e)),
              );
            },
          };
        },
      };
    },
  };
}
