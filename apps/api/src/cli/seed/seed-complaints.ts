import type { ComplaintEscalator } from '#libs/complaints/index.js';
import {
  caseworker,
  caseworkerOf,
  supervisor,
  supervisorOf,
  type SeededHousehold,
  type Seeding,
} from './seed-context.js';
import { at, date, plusDays } from './seed-random.js';

type Category = 'payment_not_received' | 'payment_amount' | 'data_error' | 'eligibility_decision' | 'service_quality';
type Outcome = 'upheld' | 'partly_upheld' | 'not_upheld' | 'withdrawn' | 'referred_elsewhere';

/** The day the seed's sweep runs: complaints open past their due day before it are escalated. */
const SWEEP_DAY = date(11, 28);

/**
 * Complaints (pengaduan, ADR 0014), about one household in a hundred: most resolved with a coded
 * outcome and the family told; one about the kelurahan's caseworker, handled by the supervisor;
 * a few recent ones still open; one about a payment left open past its due day, which the
 * escalation sweep (the office's clock, not a request: it has no route) escalates on SWEEP_DAY.
 */
export async function seedComplaints(
  s: Seeding,
  households: SeededHousehold[],
  escalator: ComplaintEscalator,
): Promise<void> {
  const { rnd } = s;
  const count = Math.max(6, Math.round(households.length / 100));
  let last = 0;
  let overdue: SeededHousehold | undefined;
  for (let i = 0; i < count; i++) {
    const h = rnd.pick(households);
    const key = `complaint${i}`;
    const aboutCaseworker = i === 1;
    const receiver = aboutCaseworker ? supervisor(h.area) : caseworker(h.area);
    const open = i === 0 || i % 3 === 0;
    const category: Category =
      i === 0
        ? 'payment_amount'
        : rnd.pick(['payment_not_received', 'data_error', 'eligibility_decision', 'service_quality']);
    const receivedOn = i === 0 ? date(10, 20) : open ? date(11, rnd.int(20, 27)) : date(rnd.int(6, 10), rnd.int(1, 20));
    const received = await s.send(receiver, at(receivedOn, 10), key, (api, headers) =>
      api.POST('/api/v1/households/{id}/complaints', {
        params: { path: { id: h.id } },
        body: {
          ...(aboutCaseworker
            ? ({
                category: 'caseworker_conduct',
                subject: 'caseworker',
                subjectCaseworkerId: caseworkerOf(h.area),
              } as const)
            : { category, subject: category.startsWith('payment') ? ('payment' as const) : ('case' as const) }),
          source: rnd.chance(0.7) ? 'family' : 'third_party',
          channel: rnd.pick(['visit', 'office', 'phone', 'whatsapp', 'lapor'] as const),
          complainant: { name: 'Pelapor', phone: null },
          description: aboutCaseworker
            ? 'The pendamping did not come to the P2K2 session and asked for a fee for the form'
            : 'The family asks why the case stands as it does',
          receivedOn,
          assignee: aboutCaseworker ? supervisorOf(h.area) : caseworkerOf(h.area),
        },
        headers,
      }),
    );
    if (!received) continue;
    last = Math.max(last, received.position);
    if (i === 0) overdue = h;
    if (open) continue;
    const resolver = aboutCaseworker ? supervisor(h.area) : caseworker(h.area);
    const resolvedOn = plusDays(receivedOn, rnd.int(3, 9));
    const path = { params: { path: { id: h.id, complaintId: received.id } } };
    const outcome: Outcome = aboutCaseworker ? 'partly_upheld' : rnd.pick(['upheld', 'not_upheld', 'withdrawn']);
    await s.send(resolver, at(resolvedOn, 14), `${key}-resolve`, (api, headers) =>
      api.POST('/api/v1/households/{id}/complaints/{complaintId}/resolution', {
        ...path,
        body: {
          outcome,
          reason: aboutCaseworker ? 'Warning given; the fee was returned' : 'Explained and corrected where due',
          resolvedOn,
        },
        headers,
      }),
    );
    const informedOn = plusDays(resolvedOn, 1);
    await s.send(resolver, at(informedOn, 9), `${key}-inform`, (api, headers) =>
      api.POST('/api/v1/households/{id}/complaints/{complaintId}/family-notice', {
        ...path,
        body: { channel: rnd.pick(['visit', 'phone', 'sms'] as const), informedOn },
        headers,
      }),
    );
  }
  if (!overdue) return;
  // The sweep reads the complaint list: wait for it to hold the complaints sent, then sweep.
  await s.read(supervisor(overdue.area), at(SWEEP_DAY, 3), (api) =>
    api.GET('/api/v1/complaints', { params: { query: { minPosition: last } } }),
  );
  await s.during(at(SWEEP_DAY, 3), () => escalator.sweep());
}
