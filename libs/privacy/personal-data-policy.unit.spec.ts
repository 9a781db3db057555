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
