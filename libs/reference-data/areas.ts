import { KOTA_BEKASI_WILAYAH } from './kota-bekasi-wilayah.js';

/** The city's administrative areas: kecamatan (district) and the kelurahan (villages) in each. */
export const AREAS = KOTA_BEKASI_WILAYAH;
export const KECAMATAN: readonly string[] = Object.keys(AREAS);

export function isKecamatan(name: unknown): name is string {
  return typeof name === 'string' && Object.hasOwn(AREAS, name);
}

export function isKelurahanOf(kelurahan: unknown, kecamatan: unknown): boolean {
  return isKecamatan(kecamatan) && typeof kelurahan === 'string' && AREAS[kecamatan]!.includes(kelurahan);
}
