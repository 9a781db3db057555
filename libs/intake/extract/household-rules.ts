import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { RegisterHouseholdRequestDto } from '#libs/households/index.js';
import { flattenValidationErrors } from '#libs/platform/http/index.js';
import { WELFARE_DECILE, cellOf, registrationBody, type ExtractHousehold } from './dtks-extract.js';

/** Cells that are the household's, not the member's: every row of a KK must repeat its first row's. */
const SAME_IN_HOUSEHOLD = [
  ['kecamatan', 'sameAddressInHousehold'],
  ['kelurahan', 'sameAddressInHousehold'],
  ['welfare_decile', 'sameDecileInHousehold'],
  ['extract_date', 'sameExtractDateInHousehold'],
] as const;

/** Why a row was not registered: the CSV column and the rule, as the HTTP validation names them. */
export interface RowProblem {
  line: number;
  column: string;
  rule: string;
  message: string;
}

/**
 * Checks a household of the extract with the register route's own DTO and pipe settings (the
 * rules, their names and messages are the route's), plus what only the extract can get wrong:
 * a welfare decile (1 to 10) on every row, and one address, decile and extract date for every row
 * of a KK (DTKS ranks the household: its rows cannot disagree).
 */
export async function checkHousehold(
  household: ExtractHousehold,
): Promise<{ body: RegisterHouseholdRequestDto; problems: RowProblem[] }> {
  const body = plainToInstance(RegisterHouseholdRequestDto, registrationBody(household));
  const errors = await validate(body, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true });
  const problems: RowProblem[] = flattenValidationErrors(errors).map(({ field, rule, message }) => ({
    ...cellOf(household, field),
    rule,
    message,
  }));
  const [first] = household.rows;
  const decile = (cells: Record<string, string>) => WELFARE_DECILE.test(cells.welfare_decile ?? '');
  for (const { line, cells } of household.rows) {
    if (!decile(cells))
      problems.push({
        line,
        column: 'welfare_decile',
        rule: 'isWelfareDecile',
        message: 'welfare_decile must be a whole number from 1 to 10',
      });
    for (const [column, rule] of SAME_IN_HOUSEHOLD)
      if (
        line !== first!.line &&
        (cells[column] ?? '') !== (first!.cells[column] ?? '') &&
        // A decile that is none is refused as such, not compared too.
        (column !== 'welfare_decile' || (decile(cells) && decile(first!.cells)))
      )
        problems.push({ line, column, rule, message: `${column} differs from line ${first!.line} of the same KK` });
  }
  return { body, problems: problems.sort((a, b) => a.line - b.line) };
}
