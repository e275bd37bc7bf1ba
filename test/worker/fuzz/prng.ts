import { Rng as FixtureRng } from "../../../simulator/src/seed/prng";

/**
 * The fuzzer's seeded generator: the simulator's mulberry32 `Rng`, with one generator per case
 * derived from (run seed, target, case index), so one case can be regenerated and replayed on
 * its own, whatever the cases before it drew.
 */
export class Rng extends FixtureRng {
  /** The generator of one case: independent of every other case's draws. */
  static forCase(seed: number, target: string, index: number): Rng {
    return new Rng(hash32(`${seed}|${target}|${index}`));
  }

  /** Picks by weight, weight first (the fuzz tables read better so): `[[weight, value], …]`. */
  byWeight<T>(choices: readonly (readonly [number, T])[]): T {
    return this.weighted(choices.map(([weight, value]) => [value, weight] as const));
  }

  override pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error("pick from an empty list");
    return super.pick(items);
  }
}

/**
 * FNV-1a with a final avalanche: a 32-bit hash of a string. The avalanche spreads case indexes
 * that differ in one character over the whole state, which the simulator's plain FNV-1a (for
 * tenant names) does not need.
 */
export function hash32(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  return hash >>> 0;
}
