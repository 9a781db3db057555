/**
 * PKH benefit index: annual benefit per eligible person by component, in rupiah, paid in four
 * stages (tahap) a year; at most four eligible persons count per family. The index in force since
 * 2019; a newer index gets its own entry and effective date, and each enrolment records the
 * version it used.
 */
export type PkhComponent =
  | 'pregnant_or_postpartum'
  | 'early_childhood_0_6'
  | 'primary_school'
  | 'junior_high_school'
  | 'senior_high_school'
  | 'severe_disability'
  | 'elderly_70_plus';

export interface PkhBenefitIndex {
  version: string;
  effectiveFrom: string;
  stagesPerYear: number;
  maxCountedPersonsPerFamily: number;
  annualPerPerson: Readonly<Record<PkhComponent, number>>;
}

export const PKH_BENEFIT_INDEXES: readonly PkhBenefitIndex[] = [
  {
    version: 'pkh-2019',
    effectiveFrom: '2019-01-01',
    stagesPerYear: 4,
    maxCountedPersonsPerFamily: 4,
    annualPerPerson: {
      pregnant_or_postpartum: 3_000_000,
      early_childhood_0_6: 3_000_000,
      primary_school: 900_000,
      junior_high_school: 1_500_000,
      senior_high_school: 2_000_000,
      severe_disability: 2_400_000,
      elderly_70_plus: 2_400_000,
    },
  },
];

/** The index in force on a date (YYYY-MM-DD): the latest whose effective date is not after it. */
export function benefitIndexOn(date: string): PkhBenefitIndex | undefined {
  return [...PKH_BENEFIT_INDEXES]
    .filter((i) => i.effectiveFrom <= date)
    .sort((a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom))[0];
}
