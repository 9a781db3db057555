import { randomBytes } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { ERASED, erasedIdentity, keyOwnerOf, mapPaths } from './personal-fields.js';

describe('personal fields', () => {
  it('visits one element of a list by its index, and copies only the path it changes', () => {
    const data = { present: ['a', 'b', 'c'], householdIds: ['h1'] };
    const seen: unknown[] = [];
    const copy = mapPaths(data, ['present[2]', 'present[0]', 'present[7]'], (value) => {
      seen.push(value);
      return ERASED;
    });
    expect(seen).toEqual(['c', 'a']);
    expect(copy).toEqual({ present: [ERASED, 'b', ERASED], householdIds: ['h1'] });
    expect(data.present).toEqual(['a', 'b', 'c']);
    expect((copy as typeof data).householdIds).toBe(data.householdIds);
  });

  it('visits every value of nested keys, whole lists and single elements in the order of the paths, path by path', () => {
    const data = {
      kk: '3275010101010001',
      address: { street: 'Jl. Melati 4', rt: '001' },
      members: [
        { name: 'Siti', nik: '1', disability: { kind: 'netra' } },
        { name: 'Budi', nik: '2' },
      ],
      present: ['h1', 'h2'],
      note: null,
    };
    const paths = [
      'members[].nik',
      'kk',
      'address.street',
      'members[].disability.kind',
      'present[1]',
      'note',
      'absent.x',
    ];
    const seen: unknown[] = [];
    const copy = mapPaths(data, paths, (value) => {
      seen.push(value);
      return `<${String(value)}>`;
    });
    expect(seen).toEqual(['1', '2', '3275010101010001', 'Jl. Melati 4', 'netra', 'h2', null]);
    expect(copy).toEqual({
      kk: '<3275010101010001>',
      address: { street: '<Jl. Melati 4>', rt: '001' },
      members: [
        { name: 'Siti', nik: '<1>', disability: { kind: '<netra>' } },
        { name: 'Budi', nik: '<2>' },
      ],
      present: ['h1', '<h2>'],
      note: '<null>',
    });
    // The original is untouched, and a second walk over the copy meets the same places in the same order.
    expect(data.members[0]!.nik).toBe('1');
    const again: unknown[] = [];
    mapPaths(copy, paths, (value) => again.push(value));
    expect(again).toEqual(seen.map((value) => `<${String(value)}>`));
  });

  it('reads odd steps as it always has: a key named like an element, a list step on a value, an index past the end', () => {
    const data = { '[3]': 'x', a: 'not a list', b: ['b0'], c: ['c0', 'c1'] };
    const seen: unknown[] = [];
    const copy = mapPaths(data, ['[3]', 'a[]', 'b[5]', 'c[1]'], (value) => {
      seen.push(value);
      return '*';
    });
    expect(seen).toEqual(['x', 'c1']);
    expect(copy).toEqual({ '[3]': '*', a: 'not a list', b: ['b0'], c: ['c0', '*'] });
    expect((copy as typeof data).b).toBe(data.b);
  });

  it('marks an erased identity the same way under one key, apart from other people and other keys', () => {
    const [key, other] = [randomBytes(32), randomBytes(32)];
    const nik = '3275014501850001';
    const marker = erasedIdentity(key, nik) as string;
    expect(marker).toMatch(/^\[erased:[0-9a-f]{12}\]$/);
    expect(marker).not.toContain(nik.slice(-6));
    expect(erasedIdentity(key, nik)).toBe(marker);
    expect(erasedIdentity(key, '3275010101150002')).not.toBe(marker);
    expect(erasedIdentity(other, nik)).not.toBe(marker);
    expect(erasedIdentity(key, 42)).toBe(0);
  });

  it("seals an event under the household it names, in its case file or about it (a complaint), else its stream's", () => {
    expect(keyOwnerOf('kube-k1', { data: { householdId: 'h1' } })).toBe('household-h1');
    expect(keyOwnerOf('complaint-c1', { data: { aboutHouseholdId: 'h2' } })).toBe('household-h2');
    expect(keyOwnerOf('household-h3', { data: {} })).toBe('household-h3');
    expect(keyOwnerOf('kube-k1', { data: { name: 'x' } })).toBeUndefined();
  });
});
