import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { RegisterHouseholdRequestDto } from '#libs/households/index.js';
import { flattenValidationErrors } from '#libs/platform/http/index.js';
import { cellOf, registrationBody, type ExtractHousehold } from './dtks-extract.js';

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
 * a welfare decile (1 to 10) on every row, and one address for every row of a KK.
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
  for (const { line, cells } of household.rows) {
    if (!/^(10|[1-9])$/.test(cells.welfare_decile ?? ''))
      problems.push({
        line,
        column: 'welfare_decile',
        rule: 'isWelfareDecile',
        message: 'welfare_decile must be a whole number from 1 to 10',
      });
    for (const column of ['kecamatan', 'kelurahan'])
      if (line !== first!.line && cells[column] !== first!.cells[column])
        problems.push({
          line,
          column,
          rule: 'sameAddressInHousehold',
          message: `${column} differs from line ${first!.line} of the same KK`,
        });
  }
  return { body, problems: problems.sort((a, b) => a.line - b.line) };
}
