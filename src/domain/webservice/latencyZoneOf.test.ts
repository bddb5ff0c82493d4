import { describe, expect, it } from 'vitest';
import { latencyZoneOf } from './latencyZoneOf';

describe('latencyZoneOf', () => {
  it.each([
    [0, 'fine'],
    [100, 'fine'],
    [3000, 'fine'],
    [3000.5, 'slow'],
    [3001, 'slow'],
    [19_999, 'slow'],
    [20_000, 'timeout'],
    [45_000, 'timeout'],
  ])('%d ms is %s', (latencyMs, zone) => {
    expect(latencyZoneOf(latencyMs)).toBe(zone);
  });
});
