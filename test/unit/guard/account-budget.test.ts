import { describe, expect, it } from "vitest";
import { AccountAllowance, type AccountLeaser } from "../../../src/engine/guard/account-allowance";
import { AccountBudget } from "../../../src/engine/guard/account-budget";
import { Rng } from "../../../simulator/src/seed/prng";

/** Servers leasing from one account budget, on one simulated clock. */
function fleet(perMinute: number, servers: number) {
  const clock = { now: 0 };
  const budget = new AccountBudget(perMinute);
  let rpcs = 0;
  const leaser: AccountLeaser = {
    async leaseTokens(server, want, back) {
      rpcs++;
      if (back) budget.giveBack(back.lease, back.unused);
      return budget.lease(server, want, clock.now);
    },
    async giveBackTokens(lease, unused) {
      return budget.giveBack(lease, unused);
    },
  };
  const allowances = Array.from(
    { length: servers },
    (_, i) =>
      new AccountAllowance(
        `server-${i}`,
        () => leaser,
        () => clock.now,
      ),
  );
  return { clock, allowances, rpcs: () => rpcs };
}

/** Whether requests at `times` (sorted) ever exceed burst + rate × window in some window. */
function worstExcess(times: number[], perMinute: number): number {
  let worst = -Infinity;
  for (let i = 0; i < times.length; i++) {
    for (let j = i; j < times.length; j++) {
      const allowed = perMinute / 2 + (perMinute / 60_000) * (times[j]! - times[i]!);
      worst = Math.max(worst, j - i + 1 - allowed);
    }
  }
  return worst;
}

describe("the account budget leased to servers", () => {
  it("never lets the servers together exceed the budget in any window", async () => {
    for (const perMinute of [10, 110, 600]) {
      const { clock, allowances } = fleet(perMinute, 3);
      const rng = new Rng(perMinute);
      const spent: number[] = [];
      for (clock.now = 0; clock.now < 30_000; clock.now += rng.int(1, 40)) {
        const server = allowances[rng.int(0, 2)]!;
        const burst = rng.chance(0.05) ? rng.int(5, 30) : rng.int(0, 2);
        const answers = await Promise.all(Array.from({ length: burst }, () => server.take()));
        for (const refused of answers) if (!refused) spent.push(clock.now);
      }
      expect(worstExcess(spent, perMinute), `${perMinute} a minute`).toBeLessThanOrEqual(1e-9);
      // What was spent is most of what the budget allowed over the run.
      const allowed = perMinute / 2 + (perMinute / 60_000) * 30_000;
      expect(spent.length / allowed, `${perMinute} a minute`).toBeGreaterThan(0.7);
    }
  });

  it("costs one round trip per many requests for a busy server", async () => {
    const { clock, allowances, rpcs } = fleet(60_000, 1);
    for (clock.now = 0; clock.now < 5_000; clock.now += 2) {
      expect(await allowances[0]!.take()).toBeUndefined();
    }
    expect(rpcs()).toBeLessThan(2_500 / 20);
  });

  it("answers a spent budget with its figures, and remembers the wait without asking again", async () => {
    const { clock, allowances, rpcs } = fleet(10, 1);
    const [server] = allowances;
    for (let i = 0; i < 4; i++) expect(await server!.take()).toBeUndefined();
    const refused = await server!.take();
    expect(refused).toMatchObject({ limit: 10, remaining: 0 });
    const asked = rpcs();
    expect(await server!.take()).toEqual(refused);
    expect(rpcs()).toBe(asked);
    clock.now += 6_000;
    expect(await server!.take()).toBeUndefined();
  });

  it("gives a fair share to each server that is leasing", () => {
    const budget = new AccountBudget(600); // 300 at once, less 10 kept in reserve
    expect(budget.lease("a", 64, 0).granted).toBe(64);
    expect(budget.lease("b", 64, 0).granted).toBe(64); // half of 226
    expect(budget.lease("c", 64, 0).granted).toBe(54); // a third of 162
    expect(budget.lease("a", 64, 0).granted).toBe(36); // a third of 108
    // A server that stopped leasing a second ago no longer counts.
    expect(budget.lease("a", 64, 1_001).granted).toBe(64);
  });

  it("takes unspent tokens back only from the last lease", () => {
    const budget = new AccountBudget(120);
    const first = budget.lease("a", 10, 0);
    const second = budget.lease("b", 10, 0);
    expect(budget.giveBack(first.lease, 10)).toBe(false);
    expect(budget.giveBack(second.lease, 10)).toBe(true);
    expect(budget.giveBack(second.lease, 10)).toBe(false);
    // 58 less 10 kept is 48; two seconds later, alone, 4 more have come in.
    expect(budget.lease("c", 64, 2_000).granted).toBe(52);
  });
});
