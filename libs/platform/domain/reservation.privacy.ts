import type { EventPrivacy } from './privacy.js';
import type { ReservationEvent } from './reservation.decider.js';

/** Reservations are bookkeeping: the holder (a household or a group) is not for PII-free readers. */
export const RESERVATION_PRIVACY: EventPrivacy<ReservationEvent> = {
  ReservationMade: { kind: 'public', holder: 'personal' },
  ReservationReleased: { kind: 'public', holder: 'personal' },
};
