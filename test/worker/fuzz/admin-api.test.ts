import { beforeAll, describe, expect, it } from "vitest";
import { createServer } from "../helpers";
import { adminCase, type AdminContext } from "./admin-cases";
import { parseJson, STATIC_SECRETS } from "./oracle";
import { failureMessage, runFuzz } from "./runner";
import { fuzzSeed } from "./seed";
import { fuzzAccount, tokenOf } from "./setup";

const seed = fuzzSeed();
let ctx: AdminContext;
/** Tokens of every server created, by the setup or by a case: none may show up again. */
const tokens: string[] = [];

beforeAll(async () => {
  const accountId = await fuzzAccount("admin");
  const otherAccountId = await fuzzAccount("admin");
  const server = await createServer(accountId);
  const other = await createServer(otherAccountId);
  tokens.push(tokenOf(server.url), tokenOf(other.url));
  ctx = { accountId, serverId: server.id, otherAccountId, otherServerId: other.id };
});

describe("fuzzing the admin API", () => {
  it("answers every bad request with a 4xx JSON error, in time, leaking nothing", async () => {
    const report = await runFuzz(seed, {
      name: "admin",
      count: 1_500,
      secrets: () => [...STATIC_SECRETS, ...tokens],
      generate: (rng) => adminCase(rng, ctx),
      // A server's URL is shown once, in its creation answer (docs/architecture.md §1): from then on its
      // token is a secret like the others.
      after(_case, observed) {
        const url = (parseJson(observed.body) as { url?: unknown } | undefined)?.url;
        if (observed.status === 201 && typeof url === "string") tokens.push(tokenOf(url));
      },
    });
    console.log(
      `fuzz admin: ${report.cases} cases in ${report.ms} ms (seed ${seed})`,
      JSON.stringify(report.families),
    );
    if (report.failures.length) throw new Error(failureMessage(seed, report));
    expect(report.failures).toEqual([]);
  }, 120_000);
});
