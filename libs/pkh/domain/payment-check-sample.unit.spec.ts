import { describe, expect, it } from '@jest/globals';
import { checkSampleSize, drawSample, seededRandom } from './payment-check-sample.js';

describe('the post-payment check sample', () => {
  it("is Cochran's size with the finite-population correction", () => {
    // n0 = 1.96² · 0.25 / 0.1² = 96.04
    expect(checkSampleSize(1_000_000, 0.95, 0.1)).toBe(97);
    expect(checkSampleSize(1_000, 0.95, 0.05)).toBe(278);
    expect(checkSampleSize(100, 0.95, 0.1)).toBe(50);
    expect(checkSampleSize(10_000, 0.99, 0.05)).toBe(623);
    expect(checkSampleSize(10_000, 0.9, 0.1)).toBe(68);
  });
  it('never exceeds the paid families, and takes one of a single one', () => {
    expect(checkSampleSize(3, 0.99, 0.01)).toBe(3);
    expect(checkSampleSize(1, 0.8, 0.5)).toBe(1);
    expect(checkSampleSize(0, 0.95, 0.1)).toBe(0);
  });
  it('draws the same families again from the same seed, each once, in the order given', () => {
    const families = Array.from({ length: 50 }, (_, i) => `h${i}`);
    const sample = drawSample(families, 10, 42);
    expect(drawSample(families, 10, 42)).toEqual(sample);
    expect(new Set(sample).size).toBe(10);
    expect([...sample].sort((a, b) => families.indexOf(a) - families.indexOf(b))).toEqual(sample);
    expect(drawSample(families, 10, 43)).not.toEqual(sample);
    expect(drawSample(families, 60, 1)).toEqual(families);
  });
  it('draws from a generator that spreads evenly', () => {
    const random = seededRandom(7);
    const draws = Array.from({ length: 10_000 }, () => random());
    expect(draws.every((x) => x >= 0 && x < 1)).toBe(true);
    const mean = draws.reduce((s, x) => s + x, 0) / draws.length;
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.02);
  });
});
