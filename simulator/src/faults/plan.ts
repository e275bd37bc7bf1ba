import { Rng } from "../seed/prng";
import { injectedKey, ruleMatches, type FaultConfig, type FaultRule } from "./rule";

/** A tenant's fault rules and what they have done so far; stored as one settings row. */
export interface FaultState {
  rules: FaultRule[];
  /** Per rule: how many more requests a `times` rule applies to (null: no limit). */
  remaining: (number | null)[];
  /** PRNG position, so a restarted object continues the same sequence. */
  rng: number;
  /** Faults injected since the rules were set, by status (kind status) or kind. */
  injected: Record<string, number>;
}

export const NO_FAULTS: FaultState = { rules: [], remaining: [], rng: 0, injected: {} };

export function freshState(config: FaultConfig): FaultState {
  return {
    rules: config.rules,
    remaining: config.rules.map((rule) => rule.times ?? null),
    rng: new Rng(config.seed).position,
    injected: {},
  };
}

/**
 * Decides which request is faulted. Rules are tried in order and the first that applies wins;
 * a probability rule draws from the tenant's seeded PRNG on every request it matches, so the
 * same seed and the same request sequence give the same faults. Lives in the tenant's Durable
 * Object, where requests are serialised, so `times` counts are exact under concurrency.
 */
export class FaultPlan {
  constructor(
    private state: FaultState,
    private readonly save: (state: FaultState) => void,
  ) {}

  get rules(): FaultRule[] {
    return this.state.rules;
  }

  get injected(): Record<string, number> {
    return this.state.injected;
  }

  /** The rule that faults this request, if any; counts it and stores the new state. */
  pick(method: string, path: string): FaultRule | undefined {
    const { rules, remaining } = this.state;
    if (rules.length === 0) return undefined;
    const rng = new Rng(this.state.rng);
    let chosen: FaultRule | undefined;
    let changed = false;
    for (const [index, rule] of rules.entries()) {
      if (remaining[index] === 0 || !ruleMatches(rule, method, path)) continue;
      if (rule.probability !== undefined) {
        changed = true;
        if (rng.next() >= rule.probability) continue;
      }
      if (remaining[index] !== null) remaining[index] = remaining[index]! - 1;
      chosen = rule;
      break;
    }
    if (chosen) {
      const key = injectedKey(chosen);
      this.state.injected[key] = (this.state.injected[key] ?? 0) + 1;
    }
    if (chosen || changed) {
      this.state.rng = rng.position;
      this.save(this.state);
    }
    return chosen;
  }
}
