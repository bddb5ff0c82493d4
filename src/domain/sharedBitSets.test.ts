import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sharedBitSets } from './sharedBitSets';

const ascending = (bits: Iterable<number>) => [...new Set(bits)].sort((a, b) => a - b);

describe('sharedBitSets', () => {
  const universes = [1, 32, 33, 600, 5000, 40_000];

  it.each(universes)('answers as a plain set would, below %i', (universe) => {
    const bits = fc.array(fc.nat({ max: universe - 1 }), { maxLength: 60 });
    fc.assert(
      fc.property(bits, bits, bits, fc.nat({ max: 70 }), (first, second, mask, limit) => {
        const sets = sharedBitSets(universe);
        const a = sets.with(0, first);
        const b = sets.with(0, second);
        const m = sets.with(0, mask);
        const union = sets.union(a, b);
        const expected = ascending([...first, ...second]);
        expect(sets.bitsOf(union)).toEqual(expected);
        for (const bit of [...first, ...second, ...mask]) {
          expect(sets.has(union, bit)).toBe(expected.includes(bit));
        }
        const inMask = expected.filter((bit) => mask.includes(bit));
        expect(sets.countIn(union, m)).toBe(inMask.length);
        expect(sets.bitsOf(union, m)).toEqual(inMask);
        expect(sets.bitsOf(union, m, limit)).toEqual(inMask.slice(0, limit));
      }),
    );
  });

  it('gives back the first set itself when the second adds nothing, and shares the rest', () => {
    const sets = sharedBitSets(40_000);
    const many = sets.with(0, [1, 700, 9000, 39_999]);
    const few = sets.with(0, [700, 39_999]);
    expect(sets.union(many, few)).toBe(many);
    expect(sets.union(many, 0)).toBe(many);
    expect(sets.union(0, many)).toBe(many);
    expect(sets.with(many, [9000])).toBe(many);
    const grown = sets.with(many, [2]);
    expect(grown).not.toBe(many);
    expect(sets.has(many, 2)).toBe(false);
    expect(sets.bitsOf(grown)).toEqual([1, 2, 700, 9000, 39_999]);
  });

  it('is empty as 0, whatever the universe', () => {
    for (const universe of universes) {
      const sets = sharedBitSets(universe);
      expect(sets.bitsOf(0)).toEqual([]);
      expect(sets.has(0, 0)).toBe(false);
      expect(sets.countIn(0, sets.with(0, [0]))).toBe(0);
    }
  });
});
