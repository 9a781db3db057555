/**
 * The post-payment check's sample (ADR 0013): how many paid families to call or visit, and which.
 * Pure arithmetic, so anyone holding the batch's events and the recorded seed can draw it again.
 */

/** Two-sided z-scores of the confidence levels a check may ask for. */
export const CHECK_CONFIDENCE_LEVELS = { '0.8': 1.2816, '0.9': 1.6449, '0.95': 1.96, '0.99': 2.5758 } as const;
export type CheckConfidence = 0.8 | 0.9 | 0.95 | 0.99;
export const CHECK_CONFIDENCES: readonly CheckConfidence[] = [0.8, 0.9, 0.95, 0.99];
/** The office's usual check: 95 % confidence, ±10 points. */
export const DEFAULT_CHECK_CONFIDENCE: CheckConfidence = 0.95;
export const DEFAULT_CHECK_MARGIN = 0.1;
export const CHECK_MARGIN_RANGE = { min: 0.01, max: 0.5 } as const;

/**
 * Cochran's sample size for a proportion, at the most cautious p = 0.5, with the finite-population
 * correction: n0 = z² · p(1−p) / e², n = n0 / (1 + (n0 − 1) / N), rounded up, at most N.
 */
export function checkSampleSize(population: number, confidence: CheckConfidence, margin: number): number {
  if (population <= 0) return 0;
  const z = CHECK_CONFIDENCE_LEVELS[String(confidence) as keyof typeof CHECK_CONFIDENCE_LEVELS];
  const n0 = (z * z * 0.25) / (margin * margin);
  // Rounded to 6 places first so that float noise never adds a family (e.g. 96.0000000001).
  const n = Math.ceil(Math.round((n0 / (1 + (n0 - 1) / population)) * 1e6) / 1e6);
  return Math.min(population, Math.max(1, n));
}

/** mulberry32: a small, well-known 32-bit generator; the same seed gives the same numbers everywhere. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * `size` items of `population` drawn without replacement: the first `size` steps of a
 * Fisher–Yates shuffle driven by `seededRandom(seed)`, over the population in the order given
 * (the batch's paid payments in declaration order), returned in that same order.
 */
export function drawSample<T>(population: readonly T[], size: number, seed: number): T[] {
  const random = seededRandom(seed);
  const order = population.map((_, i) => i);
  const take = Math.min(size, order.length);
  for (let i = 0; i < take; i++) {
    const j = i + Math.floor(random() * (order.length - i));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order
    .slice(0, take)
    .sort((x, y) => x - y)
    .map((i) => population[i]!);
}
