import type { INestApplicationContext } from '@nestjs/common';
import { StaffCommandHandler, wholeCityAreas } from '#libs/access/index.js';
import { DomainError } from '#libs/platform/domain/index.js';

/** The benchmarks' supervisor covers the whole city, given by an admin through the real command. */
export async function supervisorOfTheCity(app: INestApplicationContext, sub: string): Promise<void> {
  const context = {
    principal: { sub: 'admin-bench', role: 'admin' as const },
    correlationId: 'bench',
    causationId: 'bench',
  };
  try {
    await app.get(StaffCommandHandler, { strict: false }).assignAreas(
      sub,
      {
        role: 'supervisor',
        areas: wholeCityAreas('supervisor'),
        validFrom: '2000-01-01',
        validUntil: null,
        reason: 'Benchmark',
      },
      { ...context, now: new Date().toISOString(), today: new Date().toISOString().slice(0, 10) },
    );
  } catch (error) {
    // A store the benchmark reopens keeps what it was given.
    if (!(error instanceof DomainError && error.code === 'ACCESS.AREA_ALREADY_ASSIGNED')) throw error;
  }
}
