import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import type { ComplaintEvent } from '#libs/complaints/index.js';
import type { HouseholdEvent } from '#libs/households/index.js';
import type { KubeEvent } from '#libs/kube/index.js';
import type { PkhEvent } from '#libs/pkh/index.js';
import type { RevocationEvent } from '#libs/platform/domain/index.js';
import { otherEvent, type Recorded } from '#libs/platform/read-store/index.js';
import type { OutcomeEvent, outcomeFactsOf } from '#libs/reporting/index.js';
import type { TrainingEvent } from '#libs/training/index.js';
import type { foldCaseload } from '../../libs/views/caseloads/caseload.fold.js';

/**
 * Read models over other capabilities' events are typed by those capabilities' event unions, so
 * the compiler checks them: `npm run typecheck` compiles this file, and each `@ts-expect-error`
 * below fails the build the day the error it expects goes away.
 */
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const holds = <_ extends true>(): void => undefined;

type EveryCategory = HouseholdEvent | PkhEvent | KubeEvent | TrainingEvent;

// The caseloads subscribe to four categories and the outcome fold to those and complaints (ADR
// 0014), and take every event of them, revocations on those streams included (ADR 0019).
type OutcomeCategories = EveryCategory | ComplaintEvent | RevocationEvent;
holds<Equal<Parameters<typeof foldCaseload>[1], Recorded<EveryCategory | RevocationEvent>>>();
holds<Equal<OutcomeEvent, OutcomeCategories>>();
holds<Equal<Parameters<typeof outcomeFactsOf>[1], OutcomeCategories & { stream: string }>>();

// A read model that forgets an event type of a union it subscribes to does not build: its
// switch's default branch (`otherEvent`) takes only `never`.
export function forgetsGraduation(event: Recorded<PkhEvent>): void {
  switch (event.type) {
    case 'EnrolledInPkh':
    case 'PkhComplianceVerified':
    case 'PkhBenefitDisbursed':
    case 'PkhSuspended':
    case 'PkhReinstated':
    case 'PkhTerminated':
      return;
    default:
      // @ts-expect-error PkhGraduated has no case
      otherEvent(event);
  }
}

// Renaming an event field breaks every read model that reads it: fields are read typed, never
// through `String(data.x)`.
export function readsARenamedField(event: Recorded<EveryCategory>): string {
  switch (event.type) {
    case 'EnrolledInPkh':
      // @ts-expect-error EnrolledInPkh has enrolledOn, not enrolledAt
      return event.data.enrolledAt;
    case 'KubeMemberJoined':
      // @ts-expect-error KubeMemberJoined names one household (householdId)
      return event.data.householdIds[0];
    default:
      return event.type;
  }
}

// household-links and the caseloads' batch find the households an event concerns by its
// `householdId` or `householdIds` field, in any capability: renaming either fails here.
type NamingHouseholds<E> = E extends { data: { householdId: string } } | { data: { householdIds: string[] } }
  ? E extends { type: infer T }
    ? T
    : never
  : never;
holds<Equal<NamingHouseholds<PkhEvent>, PkhEvent['type']>>();
holds<Equal<NamingHouseholds<KubeEvent>, Exclude<KubeEvent['type'], 'KubeGrantDisbursed' | 'KubeBusinessReported'>>>();
holds<Equal<NamingHouseholds<TrainingEvent>, Exclude<TrainingEvent['type'], 'CourseScheduled'>>>();

const ROOT = resolve(import.meta.dirname, '../..');
const sources = (dir: string): string[] =>
  readdirSync(join(ROOT, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(join(ROOT, path)).isDirectory()) return sources(path);
    return name.endsWith('.ts') && !name.endsWith('.spec.ts') ? [path] : [];
  });

describe('typed read models', () => {
  it('narrow the events once, with recordedAs, instead of casting event data', () => {
    const files = [
      ...sources('libs/views'),
      ...sources('libs/reporting'),
      ...sources('apps/reporting-job'),
      ...sources('libs/households/read-models').filter((f) => f.endsWith('.projection.ts')),
    ];
    expect(files.length).toBeGreaterThan(10);
    const casts = files.flatMap((file) =>
      readFileSync(join(ROOT, file), 'utf8')
        .split('\n')
        .flatMap((line, i) =>
          /\.data as\b|\bas (Household|Pkh|Kube|Training|Outcome|Caseload)Event\b|\bas (D|Data)\b/.test(line)
            ? [`${relative(ROOT, join(ROOT, file))}:${i + 1}: ${line.trim()}`]
            : [],
        ),
    );
    expect(casts).toEqual([]);
  });
});
