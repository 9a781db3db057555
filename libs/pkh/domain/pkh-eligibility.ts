import type { PkhBenefitIndex, PkhComponent } from '#libs/reference-data/index.js';

/** What PKH needs to know of a member (from the household registry). */
export interface PkhMemberFacts {
  nik: string;
  birthDate: string;
  pregnant: boolean;
  severeDisability: boolean;
  schoolLevel: 'none' | 'early_childhood' | 'primary' | 'junior_high' | 'senior_high';
}

export interface EligibleComponent {
  nik: string;
  component: PkhComponent;
  annualAmount: number;
  /** Whether this person is among those counted for the family (at most four). */
  counted: boolean;
}

export function ageOn(birthDate: string, date: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

function componentsOf(member: PkhMemberFacts, on: string): PkhComponent[] {
  const age = ageOn(member.birthDate, on);
  const components: PkhComponent[] = [];
  if (member.pregnant) components.push('pregnant_or_postpartum');
  if (age <= 6 && (member.schoolLevel === 'none' || member.schoolLevel === 'early_childhood'))
    components.push('early_childhood_0_6');
  if (member.schoolLevel === 'primary') components.push('primary_school');
  if (member.schoolLevel === 'junior_high') components.push('junior_high_school');
  if (member.schoolLevel === 'senior_high' && age <= 21) components.push('senior_high_school');
  if (member.severeDisability) components.push('severe_disability');
  if (age >= 70) components.push('elderly_70_plus');
  return components;
}

/**
 * Each member counts once, for their best-paid component; the family's best-paid persons count,
 * up to the index's maximum. Ties go to the lower NIK so the result is deterministic.
 */
export function eligibleComponents(
  members: readonly PkhMemberFacts[],
  on: string,
  index: PkhBenefitIndex,
): EligibleComponent[] {
  const best = members.flatMap((member) => {
    const options = componentsOf(member, on).map((component) => ({
      component,
      annualAmount: index.annualPerPerson[component],
    }));
    options.sort((a, b) => b.annualAmount - a.annualAmount);
    return options.length ? [{ nik: member.nik, ...options[0]! }] : [];
  });
  best.sort((a, b) => b.annualAmount - a.annualAmount || a.nik.localeCompare(b.nik));
  return best.map((c, i) => ({ ...c, counted: i < index.maxCountedPersonsPerFamily }));
}

/** The first day of a stage (YYYY-N, quarter N): the day its members and benefit index are taken on. */
export function stageStartsOn(stage: string): string {
  const [year, n] = stage.split('-').map(Number) as [number, number];
  return `${year}-${String((n - 1) * 3 + 1).padStart(2, '0')}-01`;
}

export function entitlementPerStage(components: readonly EligibleComponent[], index: PkhBenefitIndex): number {
  const annual = components.filter((c) => c.counted).reduce((sum, c) => sum + c.annualAmount, 0);
  return Math.floor(annual / index.stagesPerYear);
}
