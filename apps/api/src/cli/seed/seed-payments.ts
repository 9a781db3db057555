import { caseworker, supervisor, type SeededHousehold, type Seeding } from './seed-context.js';
import { at, date } from './seed-random.js';

/** The kecamatan whose stage 4 is paid by batch (seedPkh leaves it due): the demo city's batches. */
export const BATCH_KECAMATAN = 0;
const STAGE = '2026-4';
const ADMIN = { sub: 'admin-01', role: 'admin' as const };

type Payment = { reference: string; householdId: string; amount: number };

/**
 * Stage 4 of the first kecamatan paid as the office pays (ADR 0013): KKS accounts recorded, a
 * batch from the due list declared by the supervisor and approved by an admin, exported, its
 * result file with some failed and returned rows, a reissue of those through PT Pos, a reversal,
 * and a post-payment check whose sampled families the caseworkers call or visit.
 */
export async function seedPayments(s: Seeding, households: SeededHousehold[]): Promise<void> {
  const { rnd } = s;
  const ours = households.filter((h) => h.pkh && h.area.k === BATCH_KECAMATAN);
  if (ours.length === 0) return;
  const sv = supervisor(ours[0]!.area);
  for (const [i, h] of ours.entries()) {
    if (!rnd.chance(0.85)) continue;
    const recordedOn = date(12, rnd.int(1, 15));
    const account = `6013${String(h.area.l + 1).padStart(2, '0')}${String(i).padStart(10, '0')}`;
    await s.send(caseworker(h.area), at(recordedOn, 10), `kks${i}`, (api, headers) =>
      api.POST('/api/v1/households/{id}/pkh/kks-account', {
        params: { path: { id: h.id } },
        body: { bank: rnd.pick(['BRI', 'BNI', 'MANDIRI'] as const), account, recordedOn },
        headers,
      }),
    );
  }
  // Who is due, from each family's PKH record (its own stream): the due list is the same, but a
  // read model is not waited for inside a seed that holds the clock.
  const items: { householdId: string; amount: number }[] = [];
  for (const h of ours) {
    const pkh = await s.read(sv, at(date(12, 22), 8), (api) =>
      api.GET('/api/v1/households/{id}/pkh', { params: { path: { id: h.id } } }),
    );
    const stage = pkh?.stages[STAGE];
    if (pkh?.status === 'active' && stage?.compliant && stage.disbursed === null)
      items.push({ householdId: h.id, amount: pkh.entitlementPerStage });
  }
  if (items.length === 0) return;
  const first = await sendBatch(s, sv, 'batch1', {
    channel: 'bank_transfer',
    households: items,
    declaredOn: date(12, 22),
  });
  if (!first) return;
  // About one payment in six does not arrive (a closed account, a card never collected), and at
  // least one of each in a batch of a dozen, so the demo city always has a reissue to show.
  const outcomes = first.payments.map((_, i) =>
    i % 12 === 3 || rnd.chance(0.03) ? 'failed' : i % 12 === 8 ? 'returned' : 'paid',
  );
  await results(s, sv, first.id, 'batch1', date(12, 27), first.payments, outcomes);
  const failed = first.payments.filter((_, i) => outcomes[i] !== 'paid');
  if (failed.length > 0) {
    const body = {
      channel: 'post_office' as const,
      plannedOn: date(12, 29),
      householdIds: failed.map((p) => p.householdId),
      controlCount: failed.length,
      controlRupiah: failed.reduce((n, p) => n + p.amount, 0),
    };
    const reissue = await s.send(sv, at(date(12, 28), 9), 'batch1-reissue', (api, headers) =>
      api.POST('/api/v1/pkh/batches/{id}/reissue', { params: { path: { id: first.id } }, body, headers }),
    );
    if (reissue) {
      const payments = await approveAndExport(s, sv, reissue.id, 'batch2', date(12, 28));
      await results(
        s,
        sv,
        reissue.id,
        'batch2',
        date(12, 30),
        payments,
        payments.map(() => 'paid'),
      );
    }
  }
  const paid = first.payments.filter((_, i) => outcomes[i] === 'paid');
  const recalled = paid.at(-1);
  if (recalled) {
    await s.send(sv, at(date(12, 30), 10), 'batch1-reversal', (api, headers) =>
      api.POST('/api/v1/pkh/batches/{id}/payments/{reference}/reversal', {
        params: { path: { id: first.id, reference: recalled.reference } },
        body: { reversedOn: date(12, 30), reason: 'Recalled by the bank: credited to a closed account' },
        headers,
      }),
    );
  }
  await seedCheck(s, sv, first.id, ours);
}

async function sendBatch(
  s: Seeding,
  sv: { sub: string; role: 'supervisor' },
  key: string,
  batch: { channel: 'bank_transfer'; households: { householdId: string; amount: number }[]; declaredOn: string },
): Promise<{ id: string; payments: Payment[] } | undefined> {
  const body = {
    stage: STAGE,
    channel: batch.channel,
    plannedOn: date(12, 24),
    householdIds: batch.households.map((h) => h.householdId),
    controlCount: batch.households.length,
    controlRupiah: batch.households.reduce((n, h) => n + h.amount, 0),
  };
  const declared = await s.send(sv, at(batch.declaredOn, 9), key, (api, headers) =>
    api.POST('/api/v1/pkh/batches', { body, headers }),
  );
  if (!declared) return undefined;
  return { id: declared.id, payments: await approveAndExport(s, sv, declared.id, key, date(12, 23)) };
}

/** Approved by an admin (someone other than the maker, who reaches the city), then exported. */
async function approveAndExport(
  s: Seeding,
  sv: { sub: string; role: 'supervisor' },
  id: string,
  key: string,
  on: string,
): Promise<Payment[]> {
  const path = { params: { path: { id } } };
  await s.send(ADMIN, at(on, 10), `${key}-approve`, (api, headers) =>
    api.POST('/api/v1/pkh/batches/{id}/approval', { ...path, headers }),
  );
  await s.send(sv, at(on, 11), `${key}-export`, (api, headers) =>
    api.POST('/api/v1/pkh/batches/{id}/export', { ...path, headers }),
  );
  const view = await s.read(sv, at(on, 12), (api) => api.GET('/api/v1/pkh/batches/{id}', path));
  return (view?.payments ?? []).map(({ reference, householdId, amount }) => ({ reference, householdId, amount }));
}

/** The channel's result file: one row per payment, a coded reason for the failed and returned ones. */
async function results(
  s: Seeding,
  sv: { sub: string; role: 'supervisor' },
  id: string,
  key: string,
  on: string,
  payments: Payment[],
  outcomes: string[],
): Promise<void> {
  const reason = (outcome: string) =>
    outcome === 'failed' ? 'ACCOUNT_CLOSED' : outcome === 'returned' ? 'CARD_NOT_COLLECTED' : '';
  const file = [
    'reference,status,reason_code,amount,date',
    ...payments.map((p, i) => `${p.reference},${outcomes[i]},${reason(outcomes[i]!)},${p.amount},${on}`),
  ].join('\r\n');
  await s.send(sv, at(on, 14), `${key}-results`, (api, headers) =>
    api.POST('/api/v1/pkh/batches/{id}/results', { params: { path: { id } }, body: { file }, headers }),
  );
}

/** The first batch's check at the defaults; each sampled family's caseworker calls or visits it. */
async function seedCheck(
  s: Seeding,
  sv: { sub: string; role: 'supervisor' },
  id: string,
  households: SeededHousehold[],
): Promise<void> {
  const { rnd } = s;
  const path = { params: { path: { id } } };
  const drawnOn = date(12, 30);
  await s.send(sv, at(drawnOn, 15), 'batch1-sample', (api, headers) =>
    api.POST('/api/v1/pkh/batches/{id}/check-sample', { ...path, body: { drawnOn }, headers }),
  );
  const view = await s.read(sv, at(drawnOn, 16), (api) => api.GET('/api/v1/pkh/batches/{id}', path));
  const byId = new Map(households.map((h) => [h.id, h]));
  for (const [i, householdId] of (view?.check?.householdIds ?? []).entries()) {
    const h = byId.get(householdId);
    if (!h || !rnd.chance(0.8)) continue;
    const outcome = rnd.chance(0.85) ? 'received' : rnd.chance(0.5) ? 'not_received' : 'problem';
    const problem =
      outcome === 'problem'
        ? {
            problemCode: rnd.pick(['FEE_CHARGED', 'AMOUNT_SHORT', 'CARD_HELD_BY_OTHER'] as const),
            note: 'Told at the visit',
          }
        : {};
    const checkedOn = date(12, 31);
    await s.send(caseworker(h.area), at(checkedOn, 9 + (i % 8)), `batch1-check${i}`, (api, headers) =>
      api.POST('/api/v1/pkh/batches/{id}/checks/{householdId}', {
        params: { path: { id, householdId } },
        body: { method: rnd.chance(0.6) ? 'phone' : 'visit', outcome, ...problem, checkedOn },
        headers,
      }),
    );
  }
}
