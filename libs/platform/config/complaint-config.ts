import { COMPLAINT_CATEGORIES, type ComplaintCategory } from '#libs/reference-data/index.js';

/**
 * `COMPLAINT_DUE_DAYS` (`caseworker_conduct=5,payment_not_received=10`): the days a complaint of
 * each category may stay open, over the committed defaults; a wrong pair is reported at start.
 */
export function complaintDueDays(raw: string | undefined, problems: string[]): Record<ComplaintCategory, number> {
  const days: Record<ComplaintCategory, number> = { ...COMPLAINT_CATEGORIES };
  for (const pair of (raw ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [category, value] = pair.split('=').map((s) => s.trim());
    const n = Number(value);
    if (!category || !(category in COMPLAINT_CATEGORIES) || !Number.isInteger(n) || n < 1 || n > 365) {
      problems.push(
        `COMPLAINT_DUE_DAYS: expected category=days pairs (days 1 to 365; categories ${Object.keys(COMPLAINT_CATEGORIES).join(', ')}), not "${pair}"`,
      );
      continue;
    }
    days[category as ComplaintCategory] = n;
  }
  return days;
}
