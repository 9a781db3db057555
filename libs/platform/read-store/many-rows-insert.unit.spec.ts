import { describe, expect, it } from '@jest/globals';
import { manyRowsInsert } from './read-database.js';

describe('manyRowsInsert', () => {
  it('repeats the one-row tuple, the rest of the statement as it was', () => {
    expect(
      manyRowsInsert(
        'insert into "t" ("a", "b") values (?, ?) on conflict ("a") do update set "b" = "excluded"."b"',
        2,
        3,
      ),
    ).toBe(
      'insert into "t" ("a", "b") values (?, ?), (?, ?), (?, ?) on conflict ("a") do update set "b" = "excluded"."b"',
    );
    expect(manyRowsInsert('insert into "t" ("a") values (?)', 1, 2)).toBe('insert into "t" ("a") values (?), (?)');
  });

  it('leaves alone what it cannot repeat safely', () => {
    // A parameter outside the tuple would be misplaced in every row but the first.
    expect(
      manyRowsInsert('insert into "t" ("a") values (?) on conflict ("a") do update set "b" = ?', 1, 2),
    ).toBeUndefined();
    // So would a question mark in a literal; an update is one row a statement by nature.
    expect(
      manyRowsInsert(`insert into "t" ("a") values (?) on conflict do update set "b" = '?'`, 1, 2),
    ).toBeUndefined();
    expect(manyRowsInsert('update "t" set "a" = ? where "k" = ?', 2, 2)).toBeUndefined();
    expect(manyRowsInsert('with "v" as (values (?)) insert into "t" ("a") select * from "v"', 1, 2)).toBeUndefined();
    expect(manyRowsInsert('replace into "t" ("a") values (?)', 1, 2)).toBeUndefined();
    // A subquery is worked out once per statement, where each row's run worked it out again.
    expect(
      manyRowsInsert(
        'insert into "t" ("a") values (?) on conflict ("a") do update set "n" = (select count(*) from "t")',
        1,
        2,
      ),
    ).toBeUndefined();
    // A tuple of another width than the rows' is not the rows' tuple.
    expect(manyRowsInsert('insert into "t" ("a", "b") values (?, ?)', 3, 2)).toBeUndefined();
    expect(manyRowsInsert('insert into "t" ("a", "b") values (?, 1)', 1, 2)).toBeUndefined();
  });
});
