import { expect } from '@jest/globals';
import { DomainError, fold, type Decider } from '#libs/platform/domain/index.js';

/**
 * Given events, when a command, then events (or a DomainError with its code):
 *
 *   spec.given([registered]).when(assess).then([assessed]);
 *   spec.given([]).when(assess).thenRefuses('HOUSEHOLD.NOT_REGISTERED');
 */
export function deciderSpecification<C, E, S>(decider: Decider<C, E, S>) {
  return {
    given(events: E[]) {
      return {
        when(command: C) {
          const run = (): E[] => decider.decide(command, fold(decider, events));
          return {
            then(expected: E[]): void {
              expect(run()).toEqual(expected);
            },
            thenRefuses(code: string, details?: Record<string, unknown>): void {
              let caught: unknown;
              try {
                run();
              } catch (error) {
                caught = error;
              }
              expect(caught).toBeInstanceOf(DomainError);
              expect((caught as DomainError).code).toBe(code);
              if (details) expect((caught as DomainError).details).toMatchObject(details);
            },
          };
        },
      };
    },
  };
}
