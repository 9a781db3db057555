/** The programmes whose spending the budget counts, and where each one's money comes from. */
export const FUNDED_PROGRAMMES = ['pkh', 'kube', 'training'] as const;
export type FundedProgramme = (typeof FUNDED_PROGRAMMES)[number];
export const FUNDING_SOURCES = ['APBD', 'APBD-P', 'APBN', 'other'] as const;
export type FundingSource = (typeof FUNDING_SOURCES)[number];

/**
 * Kota Bekasi's funding as the programmes run it: PKH is a central transfer (APBN), paid by the
 * ministry through Himbara banks or PT Pos; Kube grants and the city's courses come from the
 * city's budget (APBD). Only what the city funds is compared with the city's allocation.
 */
export const DEFAULT_FUNDING: Readonly<Record<FundedProgramme, FundingSource>> = {
  pkh: 'APBN',
  kube: 'APBD',
  training: 'APBD',
};

export interface BudgetConfig {
  /** The city's allocation for a year (Rp4.7 bn in Kota Bekasi). */
  allocationRupiah: number;
  /** The sources the allocation is made of (the city's own: APBD, APBD-P). */
  sources: FundingSource[];
  /** Where each programme's money comes from. */
  funding: Record<FundedProgramme, FundingSource>;
}

/** `BUDGET_SOURCES` (APBD,APBD-P) and `BUDGET_FUNDING` (pkh=APBN,kube=APBD,training=APBD), checked. */
export function budgetConfig(
  allocationRupiah: number,
  sourcesText: string | undefined,
  fundingText: string | undefined,
  problems: string[],
): BudgetConfig {
  const isSource = (s: string): s is FundingSource => (FUNDING_SOURCES as readonly string[]).includes(s);
  const sources: FundingSource[] = [];
  for (const s of (sourcesText ?? 'APBD,APBD-P')
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean)) {
    if (isSource(s)) sources.push(s);
    else problems.push(`BUDGET_SOURCES: ${s} is not one of ${FUNDING_SOURCES.join(', ')}`);
  }
  const funding = { ...DEFAULT_FUNDING };
  for (const pair of (fundingText ?? '')
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean)) {
    const [programme, source] = pair.split('=').map((x) => x.trim());
    if (!programme || !(FUNDED_PROGRAMMES as readonly string[]).includes(programme) || !source || !isSource(source)) {
      problems.push(
        `BUDGET_FUNDING: expected programme=source pairs (programmes ${FUNDED_PROGRAMMES.join(', ')}; ` +
          `sources ${FUNDING_SOURCES.join(', ')}), got ${pair}`,
      );
      continue;
    }
    funding[programme as FundedProgramme] = source;
  }
  return { allocationRupiah, sources, funding };
}
