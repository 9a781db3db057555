import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ComplaintEscalator } from '#libs/complaints/index.js';
import { seedCasework, seedReferrals } from './seed-casework.js';
import { seedComplaints } from './seed-complaints.js';
import { Seeding, type SeedOptions } from './seed-context.js';
import { seedExits } from './seed-exits.js';
import { seedHouseholds } from './seed-households.js';
import { seedKubes } from './seed-kube.js';
import { seedPayments } from './seed-payments.js';
import { seedStaff } from './seed-staff.js';
import { seedCourses } from './seed-training.js';

export type { SeedOptions } from './seed-context.js';

/**
 * Writes a synthetic Kota Bekasi through the HTTP API with the typed client (libs/client), as
 * the office's staff would, never by writing rows: staff with their areas (a
 * supervisor per kecamatan, a caseworker per kelurahan), households in all 56
 * kelurahan, PKH over four stages of 2026 (the first kecamatan's last stage paid by batch, with
 * failures, a reissue, a reversal and a post-payment check), 35 Kube groups, sewing and catering courses with the
 * uptake the city reports (many invited, fewer enrol), P2K2 sessions, and some exits; then, on
 * households still in the programme, complaints (one escalated as overdue), referrals, home
 * visits and risk flags.
 */
export async function seedCity(
  app: NestFastifyApplication,
  options: SeedOptions,
): Promise<{ households: number; commands: number; refused: number; refusals: Record<string, number> }> {
  const s = await Seeding.open(app, options);
  await seedStaff(s);
  const households = await seedHouseholds(s);
  await seedKubes(s, households);
  await seedCourses(s, households);
  const exited = await seedExits(s, households);
  await seedPayments(s, households);
  const active = households.filter((h) => !exited.has(h.id));
  await seedComplaints(s, active, app.get(ComplaintEscalator, { strict: false }));
  await seedReferrals(s, active);
  await seedCasework(s, active);
  options.log?.(
    `${households.length} households, ${s.commands} commands (${s.refused} refused by the rules, as in a real city)`,
  );
  return { households: households.length, commands: s.commands, refused: s.refused, refusals: s.refusals };
}
