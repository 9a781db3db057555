import { prng } from '../apps/api/src/cli/seed/seed-random.js';
import { AREAS, KECAMATAN } from '#libs/reference-data/index.js';

const HEADER = 'kk,nik,name,birth_date,sex,relationship,kecamatan,kelurahan,rt,rw,welfare_decile';
const NAMES = ['Siti', 'Budi', 'Dewi', 'Agus', 'Rina', 'Joko', 'Nur', 'Ahmad', 'Wati', 'Dedi'];
const FAMILY = ['Aminah', 'Santoso', 'Lestari', 'Hidayat', 'Wijaya', 'Saputra', 'Rahayu', 'Kurniawan'];

/** The ways a synthetic household is made bad, each refused by a different check. */
const FAULTS = ['nik', 'birth_date', 'kelurahan', 'welfare_decile', 'two_heads', 'sex'] as const;

export interface SyntheticExtract {
  csv: string;
  rows: number;
  /** The good households' KK numbers with their member count: each must be registered once. */
  good: Map<string, number>;
  /** The good households' KK numbers with the line of their first row (which names the registration). */
  firstLines: Map<string, number>;
  /** Lines of the bad households' rows: each must be in the row report. */
  badLines: number[];
}

/**
 * A DTKS-like extract (one row per member, ADR 0015) of about `rows` rows, with about `badShare`
 * of its households made bad in one of six ways. The KK and NIK numbers carry `prefix` (two
 * digits), so extracts made with different prefixes never share a number.
 */
export function syntheticExtract(rows: number, { seed = 7, badShare = 0.02, prefix = '11' } = {}): SyntheticExtract {
  const random = prng(seed);
  const lines = [HEADER];
  const good = new Map<string, number>();
  const firstLines = new Map<string, number>();
  const badLines: number[] = [];
  let number = 0;
  const next = () => `3275${prefix}${String(++number).padStart(10, '0')}`;
  while (lines.length - 1 < rows) {
    const kk = next();
    const kecamatan = random.pick(KECAMATAN);
    const kelurahan = random.pick(AREAS[kecamatan]!);
    const size = Math.min(random.int(1, 6), rows - (lines.length - 1));
    const fault = random.chance(badShare) ? random.pick(FAULTS) : null;
    const family = random.pick(FAMILY);
    // DTKS ranks the household, not the person: every row of a KK carries its decile.
    const decile = String(random.int(1, 4));
    const start = lines.length + 1;
    for (let m = 0; m < size; m++) {
      const relationship = m === 0 || (fault === 'two_heads' && m === 1) ? 'head' : m === 1 ? 'spouse' : 'child';
      const born = m < 2 ? random.int(1960, 1995) : random.int(2005, 2024);
      const cells = {
        kk,
        nik: next(),
        name: `${random.pick(NAMES)} ${family}`,
        birth_date: `${born}-${String(random.int(1, 12)).padStart(2, '0')}-${String(random.int(1, 28)).padStart(2, '0')}`,
        sex: random.chance(0.5) ? 'L' : 'P',
        relationship,
        kecamatan,
        kelurahan,
        rt: String(random.int(1, 20)).padStart(3, '0'),
        rw: String(random.int(1, 12)).padStart(3, '0'),
        welfare_decile: decile,
      };
      const last = m === size - 1;
      if (last && fault === 'nik') cells.nik = cells.nik.slice(0, 15);
      if (last && fault === 'birth_date') cells.birth_date = `${born}-02-30`;
      if (fault === 'kelurahan') cells.kelurahan = 'Kampung Tidak Ada';
      if (last && fault === 'welfare_decile') cells.welfare_decile = '11';
      if (last && fault === 'sex') cells.sex = 'X';
      lines.push(Object.values(cells).join(','));
    }
    if (fault === 'two_heads' && size < 2) {
      // One member cannot hold two heads: make it bad another way.
      lines[lines.length - 1] = lines[lines.length - 1]!.replace(/,(\d+)$/, ',0');
    }
    if (fault) for (let line = start; line < start + size; line++) badLines.push(line);
    else {
      good.set(kk, size);
      firstLines.set(kk, start);
    }
  }
  return { csv: `${lines.join('\r\n')}\r\n`, rows: lines.length - 1, good, firstLines, badLines };
}
