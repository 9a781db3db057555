import { AREAS, KECAMATAN } from '#libs/reference-data/index.js';
import type { Area, AreaRole } from './domain/index.js';

/** Every area of the city for a role: each kecamatan for a supervisor, each kelurahan for a caseworker. */
export function wholeCityAreas(role: AreaRole): Area[] {
  return role === 'supervisor'
    ? KECAMATAN.map((kecamatan) => ({ kecamatan, kelurahan: null }))
    : KECAMATAN.flatMap((kecamatan) => AREAS[kecamatan]!.map((kelurahan) => ({ kecamatan, kelurahan })));
}
