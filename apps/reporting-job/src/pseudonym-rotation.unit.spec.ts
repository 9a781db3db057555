import { describe, expect, it } from '@jest/globals';
import { toFeedMessage, type FeedMessage } from '#libs/platform/event-feed/index.js';
import type { RecordedEvent } from '#libs/platform/event-store/index.js';
import { applyOutcomeEvent, emptyOutcomeState, type OutcomeFeedEvent } from '#libs/reporting/index.js';
import { testMetadata } from '../../../test/support/events.js';
import { testPiiFree } from '../../../test/support/pii-free.js';

let position = 0;
const recorded = (stream: string, revision: number, type: string, data: object): RecordedEvent => ({
  eventId: `e${++position}`,
  stream,
  revision,
  position,
  type,
  data,
  metadata: testMetadata,
  recordedAt: '2026-03-01T00:00:00.000Z',
});

/** Three families: registered, enrolled in PKH, one suspended; two in a Kube, one leaves. */
const feed: RecordedEvent[] = ['h1', 'h2', 'h3'].flatMap((h, i) => [
  recorded(`household-${h}`, 0, 'HouseholdRegistered', {
    householdId: h,
    address: { kecamatan: 'Jatiasih', kelurahan: 'Jatirasa' },
    members: [{ nik: `327500000000000${i}`, relationship: 'head' }],
  }),
  recorded(`pkh-${h}`, 0, 'EnrolledInPkh', { householdId: h }),
]);
feed.push(
  recorded('kube-k1', 0, 'KubeFormed', {
    kubeId: 'k1',
    kecamatan: 'Jatiasih',
    kelurahan: 'Jatirasa',
    householdIds: ['h1', 'h2'],
  }),
  recorded('pkh-h2', 1, 'PkhSuspended', { householdId: 'h2' }),
  recorded('kube-k1', 1, 'KubeMemberLeft', { kubeId: 'k1', householdId: 'h2' }),
  recorded('pkh-h2', 2, 'PkhReinstated', { householdId: 'h2' }),
);

const messages = (key: string): FeedMessage[] =>
  feed.flatMap((e) => toFeedMessage(e, { topicPrefix: 'jejak', piiFree: testPiiFree(key) }) ?? []);
const body = (m: FeedMessage) => JSON.parse(m.value) as OutcomeFeedEvent;

describe('the reporting job across a pseudonym key rotation', () => {
  const OLD = 'the-old-pseudonym-key-0123456789abcdef';
  const NEW = 'the-new-pseudonym-key-0123456789abcdef';

  it('sees different pseudonyms under the new key, and the message says which key made them', () => {
    const [before, after] = [messages(OLD)[0]!, messages(NEW)[0]!];
    expect(before.key).not.toBe(after.key);
    expect(body(after).pseudonymKey).toBe(testPiiFree(NEW).keyId);
    expect(after.headers['pseudonym-key']).toBe(testPiiFree(NEW).keyId);
  });

  it('ends with the same figures as one fold under a single key, whatever is still queued of the old key', () => {
    const single = emptyOutcomeState();
    for (const m of messages(NEW)) applyOutcomeEvent(single, body(m));

    // The job had folded part of the old key's feed; the relay, restarted under the new key,
    // publishes the whole feed again; the old key's rest is still queued on another topic.
    const job = emptyOutcomeState();
    const old = messages(OLD);
    for (const m of old.slice(0, 5)) applyOutcomeEvent(job, body(m));
    const fresh = messages(NEW);
    for (const m of fresh.slice(0, 4)) applyOutcomeEvent(job, body(m));
    for (const m of old.slice(5)) expect(applyOutcomeEvent(job, body(m))).toBe(false);
    for (const m of fresh.slice(4)) applyOutcomeEvent(job, body(m));

    expect(job.summary).toEqual(single.summary);
    expect(job.summary.pkh).toMatchObject({ enrolled: 3, activeAtEnd: 3, suspendedAtEnd: 0 });
    expect(job.summary.kube).toMatchObject({ formed: 1, membersAtEnd: 1 });
    expect(job.pseudonymKey).toBe(testPiiFree(NEW).keyId);
    expect(job.retiredKeys).toEqual([testPiiFree(OLD).keyId]);
  });
});
