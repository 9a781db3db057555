/** A small, seeded PRNG (mulberry32): the same seed writes the same city. */
export function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    chance: (p: number) => next() < p,
    pick: <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!,
  };
}

export type Random = ReturnType<typeof prng>;

export const FEMALE = [
  'Siti',
  'Nur',
  'Dewi',
  'Sri',
  'Rina',
  'Wati',
  'Ani',
  'Lestari',
  'Yanti',
  'Ratna',
  'Fitri',
  'Aminah',
];
export const MALE = [
  'Budi',
  'Agus',
  'Joko',
  'Dedi',
  'Ahmad',
  'Rudi',
  'Asep',
  'Hendra',
  'Yusuf',
  'Eko',
  'Bambang',
  'Ujang',
];
export const FAMILY = [
  'Santoso',
  'Hidayat',
  'Saputra',
  'Wijaya',
  'Kurniawan',
  'Nugroho',
  'Setiawan',
  'Rahmawati',
  'Susanti',
  'Pratama',
];
export const KUBE_BUSINESS = [
  'catering',
  'tailoring',
  'grocery stall',
  'laundry',
  'snack production',
  'motorbike repair',
  'handicraft',
];

export const date = (month: number, day: number) =>
  `2026-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
export const at = (d: string, hour = 9) => `${d}T${String(hour).padStart(2, '0')}:00:00.000Z`;
/** The day `days` after `day` (YYYY-MM-DD). */
export const plusDays = (day: string, days: number): string =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
