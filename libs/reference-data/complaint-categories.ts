/**
 * Complaint (pengaduan) categories and the days each may stay open before it is overdue, as the
 * office answers them by default; `COMPLAINT_DUE_DAYS` (category=days pairs) overrides any of them.
 * Conduct and levies (pungli) are answered fastest: they are about a person in office.
 */
export const COMPLAINT_CATEGORIES = {
  payment_not_received: 14,
  payment_amount: 14,
  eligibility_decision: 30,
  data_error: 14,
  caseworker_conduct: 7,
  illegal_levy: 7,
  service_quality: 14,
  other: 30,
} as const;

export type ComplaintCategory = keyof typeof COMPLAINT_CATEGORIES;
export const COMPLAINT_CATEGORY_CODES = Object.keys(COMPLAINT_CATEGORIES) as ComplaintCategory[];
