import { describe, it } from '@jest/globals';
import { deciderSpecification } from '#libs/platform/testing/decider-specification.js';
import { reservationDecider } from './reservation.decider.js';

describe('reservation decider', () => {
  const spec = deciderSpecification(reservationDecider);
  const reserve = (holder: string, holderAbandoned = false) =>
    ({
      type: 'Reserve',
      data: {
        kind: 'nik',
        holder,
        holderAbandoned,
        conflictCode: 'HOUSEHOLD.NIK_ALREADY_REGISTERED',
        conflictMessage: 'taken',
      },
    }) as const;
  const made = (holder: string) => ({ type: 'ReservationMade', data: { kind: 'nik', holder } }) as const;
  const released = (holder: string) => ({ type: 'ReservationReleased', data: { kind: 'nik', holder } }) as const;

  it('reserves a free thing', () =>
    spec
      .given([])
      .when(reserve('h1'))
      .then([made('h1')]));
  it('is idempotent for the holder', () =>
    spec
      .given([made('h1')])
      .when(reserve('h1'))
      .then([]));
  it('refuses a thing held by another, naming the holder', () =>
    spec
      .given([made('h1')])
      .when(reserve('h2'))
      .thenRefuses('HOUSEHOLD.NIK_ALREADY_REGISTERED', { holder: 'h1' }));
  it('takes over an abandoned reservation', () =>
    spec
      .given([made('h1')])
      .when(reserve('h2', true))
      .then([released('h1'), made('h2')]));
  it('reserves again after a release', () =>
    spec
      .given([made('h1'), released('h1')])
      .when(reserve('h2'))
      .then([made('h2')]));
  it('ignores a release by anyone but the holder', () =>
    spec
      .given([made('h1')])
      .when({ type: 'Release', data: { kind: 'nik', holder: 'h2' } })
      .then([]));
  it('releases for the holder', () =>
    spec
      .given([made('h1')])
      .when({ type: 'Release', data: { kind: 'nik', holder: 'h1' } })
      .then([released('h1')]));
});
