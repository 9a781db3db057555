import { describe, expect, it } from '@jest/globals';
import { readFileSync, readdirSync } from 'node:fs';
import { INTERNAL_CATEGORIES } from '#libs/platform/event-feed/index.js';
import { join } from 'node:path';
import {
  ALL_EVENT_TYPES,
  EVENT_PRIVACY,
  INTERNAL_EVENT_TYPES,
  METADATA_PRIVACY,
  STREAM_PRIVACY,
  privacyPaths,
} from './personal-data-policy.js';
import { PERSONAL_DATA_AT_REST } from './personal-data-at-rest.js';
import type { PrivacyDeclarations } from '#libs/platform/domain/index.js';
import { TEXT, piiSamples } from '../../test/support/pii-samples.js';

/** The values at a path of an event's data (`members[].sex`: one per member). */
const valuesAt = (value: unknown, path: string): unknown[] => {
  const [head, ...rest] = path.split('.');
  const list = head!.endsWith('[]');
  const child = (value as Record<string, unknown> | null | undefined)?.[list ? head!.slice(0, -2) : head!];
  if (list) return (Array.isArray(child) ? child : []).flatMap((element) => valuesAt(element, rest.join('.')));
  if (rest.length) return valuesAt(child, rest.join('.'));
  return Array.isArray(child) ? child : [child];
};

/**
 * What a public string may be without naming its list: ids (uuids, staff ids, both without
 * spaces), dates and times, areas (validated against the reference data). Anything else that is
 * a string must be a code, listed by name below.
 */
const ID = /^[A-Za-z0-9._@-]{1,64}$/;
const GENERIC: Array<[RegExp, RegExp]> = [
  [/(Id|Ids|By|^assignee|^maker|^approver|^staffId)$/, ID],
  [/(On|From|Until|Date)$/, /^\d{4}-\d{2}-\d{2}$/],
  [/^(occurredAt|until)$/, /^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/],
  [/^(kecamatan|kelurahan)$/, /^[A-Za-z' -]{2,60}$/],
];

/**
 * Public strings that are codes, each validated against a fixed list or pattern where it enters
 * (the request DTO's `@IsIn` / `@Matches`, or the server itself). A string typed by staff or taken
 * as it is from a file (a label, a bank's reason) is free text: it is `personal`, never here.
 */
const CODED = new Set([
  ...['members[].sex', 'members[].relationship', 'members[].schoolLevel'].map((path) => `HouseholdRegistered.${path}`),
  'HouseholdAssessed.welfareStatus',
  'CaseNoteRecorded.topic',
  'MemberAdded.member.sex',
  'MemberAdded.member.relationship',
  'MemberAdded.member.schoolLevel',
  'MemberRemoved.reason',
  'ErasureRequested.legalBasis',
  'HouseholdErased.legalBasis',
  'MemberDetailsCorrected.sex',
  'ChildBorn.child.sex',
  'ChildBorn.child.relationship',
  'ChildBorn.child.schoolLevel',
  'SchoolLevelChanged.schoolLevel',
  'SchoolLevelChanged.previousSchoolLevel',
  'MemberDied.source',
  'MemberMovedIn.member.sex',
  'MemberMovedIn.member.relationship',
  'MemberMovedIn.member.schoolLevel',
  'EnrolledInPkh.benefitIndex.version',
  'PkhEntitlementReassessed.stage',
  'PkhEntitlementReassessed.benefitIndex.version',
  'PkhComplianceVerified.stage',
  'PkhComplianceVerified.missed[].commitment',
  'PkhBenefitDisbursed.stage',
  'PkhBenefitDisbursed.channel',
  'PkhPaymentFailed.stage',
  'PkhPaymentFailed.outcome',
  'PkhPaymentReversed.stage',
  'PkhSuspended.stage',
  'PkhGraduated.kind',
  'PkhKksAccountRecorded.bank',
  'DisbursementBatchDeclared.stage',
  'DisbursementBatchDeclared.channel',
  'DisbursementBatchApproved.role',
  'DisbursementBatchExported.format',
  'DisbursementBatchExported.checksum',
  'BatchPaymentSettled.stage',
  'BatchPaymentSettled.outcome',
  'BatchPaymentReversed.stage',
  'PaymentCheckRecorded.method',
  'PaymentCheckRecorded.outcome',
  'PaymentCheckRecorded.problemCode',
  'KubeMemberLeft.reason',
  'KubeBusinessReported.period',
  'CourseScheduled.kind',
  'InvitationDeclined.reason',
  'TrainingDroppedOut.reason',
  'ComplaintReceived.category',
  'ComplaintReceived.subject',
  'ComplaintReceived.source',
  'ComplaintReceived.channel',
  'ComplaintResolved.outcome',
  'ComplainantInformed.channel',
  'ReferralMade.service',
  'ReferralMade.reason',
  'ReferralRejected.rejection',
  'AreaAssigned.role',
  'TransferRequested.requestedAs',
  'VisitScheduled.kind',
  'VisitScheduled.origin',
  'FlagSet.flag',
  'FlagSet.risk',
  'FlagCleared.flag',
  'ReservationMade.kind',
  'ReservationReleased.kind',
  ...['RevocationRequested', 'EventRevoked', 'RevocationRejected'].flatMap((type) =>
    ['eventType', 'stage', 'code'].map((path) => `${type}.${path}`),
  ),
  'EventRevoked.restored.welfareStatus',
  'EventRevoked.restored.caseStatus',
  'EventRevoked.restored.pkhStatus',
]);

/** Every TypeScript source under libs (tests left out). */
const sources = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') && !entry.name.includes('.spec.') ? [path] : [];
  });

describe('the personal-data policy', () => {
  it('declares every event type of every capability, and nothing else', () => {
    expect(Object.keys(EVENT_PRIVACY).sort()).toEqual([...ALL_EVENT_TYPES].sort());
    expect(new Set(ALL_EVENT_TYPES).size).toBe(ALL_EVENT_TYPES.length);
  });

  it("knows every capability's event types and stream categories, including ones added later", () => {
    const text = sources('libs').map((file) => readFileSync(file, 'utf8'));
    // Every `XXX_EVENT_TYPES` list a capability exports is spread into the registry or the internal list.
    const lists = text
      .flatMap((t) => [...t.matchAll(/export const (\w+_EVENT_TYPES)\b/g)].map((m) => m[1]!))
      .filter((name) => !['ALL_EVENT_TYPES', 'INTERNAL_EVENT_TYPES'].includes(name));
    const registry = readFileSync('libs/privacy/personal-data-policy.ts', 'utf8');
    expect(lists.filter((name) => !registry.includes(`...${name}`))).toEqual([]);
    // Every event type named in a `DomainEvent<'Type', ...>` is declared or internal.
    const named = new Set(text.flatMap((t) => [...t.matchAll(/DomainEvent<\s*'(\w+)'/g)].map((m) => m[1]!)));
    const known = new Set<string>([...ALL_EVENT_TYPES, ...INTERNAL_EVENT_TYPES]);
    expect([...named].filter((type) => !known.has(type))).toEqual([]);
    // Every stream category says what a PII-free reader may see of its stream names.
    const categories = text.flatMap((t) => [...t.matchAll(/export const \w+_CATEGORY = '(\w+)'/g)].map((m) => m[1]!));
    expect(categories.filter((category) => !(category in STREAM_PRIVACY))).toEqual([]);
    // The relay leaves the internal ones out even when it may carry personal data.
    const internal = Object.keys(STREAM_PRIVACY).filter((category) => STREAM_PRIVACY[category] === 'internal');
    expect([...INTERNAL_CATEGORIES].sort()).toEqual(internal.sort());
  });

  it('never lets free text, names or identity numbers through as public', () => {
    const neverPublic = /(^|\.|\])(name|kk|nik|birthDate|street|rt|rw|text|detail|note|reason|reference|title)$/;
    // Five reasons are codes (an enumeration, not free text): the only public "reason".
    const coded = [
      'MemberRemoved.reason',
      'KubeMemberLeft.reason',
      'InvitationDeclined.reason',
      'TrainingDroppedOut.reason',
      'ReferralMade.reason',
    ];
    const leaks = Object.entries(EVENT_PRIVACY).flatMap(([type, fields]) =>
      Object.entries(fields)
        .filter(([path, kind]) => kind === 'public' && neverPublic.test(path))
        .map(([path]) => `${type}.${path}`),
    );
    expect(leaks).toEqual(coded);
  });

  it('lets a string through as public only where it is a code, an id, a date or an area, never free text', () => {
    const declared: PrivacyDeclarations = EVENT_PRIVACY;
    const samples = piiSamples({ kubeId: 'kube-1', courseId: 'course-1', staffId: 'cw-01' }) as Record<string, unknown>;
    const uncoded: string[] = [];
    const unchecked: string[] = [];
    for (const [type, fields] of Object.entries(EVENT_PRIVACY))
      for (const [path, kind] of Object.entries(fields)) {
        if (kind !== 'public') continue;
        const strings = valuesAt(samples[type], path).filter((value) => typeof value === 'string');
        if (!strings.length || CODED.has(`${type}.${path}`)) continue;
        const field = path.split('.').at(-1)!.replace('[]', '');
        const pattern = GENERIC.find(([name]) => name.test(field))?.[1];
        if (!pattern) uncoded.push(`${type}.${path}`);
        else if (!strings.every((value) => pattern.test(value))) unchecked.push(`${type}.${path}`);
      }
    // A new public string is a code only once it is validated against a list and named in CODED.
    expect(uncoded).toEqual([]);
    expect(unchecked).toEqual([]);
    // No generic pattern would pass free text.
    for (const [, pattern] of GENERIC) expect(pattern.test(TEXT)).toBe(false);
    // The labels typed by staff and the channel's reasons, which once were public (ADR 0010).
    const labels = [
      'KubeFormed.businessType',
      'KubeGrantDisbursed.source',
      'CourseScheduled.skill',
      'PkhPaymentFailed.reasonCode',
      'BatchPaymentSettled.reasonCode',
    ];
    for (const label of labels) {
      const [type, path] = label.split('.') as [string, string];
      expect([label, declared[type]?.[path]]).toEqual([label, 'personal']);
    }
    // Every listed code is still a public path whose sample is a string (no stale entries).
    const stale = [...CODED].filter((entry) => {
      const [type, ...rest] = entry.split('.');
      const path = rest.join('.');
      return (
        declared[type!]?.[path] !== 'public' ||
        !valuesAt(samples[type!], path).some((value) => typeof value === 'string')
      );
    });
    expect(stale).toEqual([]);
  });

  it('keeps health and disability out of PII-free views', () => {
    expect(privacyPaths('HouseholdRegistered').special).toEqual(['members[].pregnant', 'members[].severeDisability']);
    expect(privacyPaths('MemberAdded').special).toEqual(['member.pregnant', 'member.severeDisability']);
    expect(privacyPaths('EnrolledInPkh').special).toEqual(['components[].component', 'components[].annualAmount']);
  });

  it('lists the personal and pseudonymised paths of an event type for encryption at rest', () => {
    expect(privacyPaths('HouseholdRegistered')).toMatchObject({
      household: ['householdId'],
      person: ['members[].nik'],
      personal: ['kk', 'address.street', 'address.rt', 'address.rw', 'members[].name', 'members[].birthDate'],
    });
    expect(privacyPaths('SessionAttendanceRecorded')).toMatchObject({
      person: ['present'],
      household: ['householdIds', 'presentHouseholds'],
    });
    expect(privacyPaths('NoSuchEvent')).toEqual({ public: [], person: [], household: [], special: [], personal: [] });
  });

  it('seals NIKs as identities and each attendance NIK under the household named beside it', () => {
    expect(PERSONAL_DATA_AT_REST.identitiesOf!('HouseholdRegistered')).toEqual(['members[].nik']);
    expect(PERSONAL_DATA_AT_REST.identitiesOf!('SessionAttendanceRecorded')).toEqual(['present']);
    expect(PERSONAL_DATA_AT_REST.ownedElementsOf!('SessionAttendanceRecorded')).toEqual({
      list: 'present',
      owners: 'presentHouseholds',
    });
    // Every list sealed element by element is a sealed list, its owners a list of household ids.
    for (const type of ALL_EVENT_TYPES) {
      const owned = PERSONAL_DATA_AT_REST.ownedElementsOf!(type);
      if (!owned) continue;
      expect(PERSONAL_DATA_AT_REST.fieldsOf(type)).toContain(owned.list);
      expect(privacyPaths(type).household).toContain(owned.owners);
    }
    expect(PERSONAL_DATA_AT_REST.ownedElementsOf!('ParticipantInvited')).toBeUndefined();
  });

  it('drops the reason, correlation and causation ids from metadata', () => {
    expect(METADATA_PRIVACY).toMatchObject({ reason: 'personal', correlationId: 'personal', causationId: 'personal' });
  });
});
