import { ValidateBy, type ValidationArguments } from 'class-validator';
import { AREAS, KECAMATAN, isKecamatan, isKelurahanOf } from '#libs/reference-data/index.js';

/** One of the city's kecamatan (reference data). */
export const IsKecamatan = () =>
  ValidateBy({
    name: 'isKecamatan',
    validator: {
      validate: isKecamatan,
      defaultMessage: () =>
        `kecamatan must be one of the city's ${KECAMATAN.length} kecamatan: ${KECAMATAN.join(', ')}`,
    },
  });

/** A kelurahan of the object's `kecamatan`: the same reference data holds for households, groups, courses and staff areas. */
export const IsKelurahanOfKecamatan = () =>
  ValidateBy({
    name: 'isKelurahanOfKecamatan',
    validator: {
      validate: (value, args) => isKelurahanOf(value, (args?.object as { kecamatan?: unknown }).kecamatan),
      defaultMessage: (args?: ValidationArguments) => {
        const kecamatan = (args?.object as { kecamatan?: unknown }).kecamatan;
        return isKecamatan(kecamatan)
          ? `kelurahan must be one of ${AREAS[kecamatan]!.join(', ')} (kecamatan ${kecamatan})`
          : 'kelurahan must lie in a known kecamatan';
      },
    },
  });
