import { beforeAll, describe, expect, it } from "vitest";
import { createAccount, createMcpKey, createServer } from "../helpers";
import { registerClient } from "../oauth-helpers";
import { oauthCase, REDIRECT, type OAuthContext } from "./oauth-cases";
import { STATIC_SECRETS } from "./oracle";
import { failureMessage, runFuzz } from "./runner";
import { fuzzSeed } from "./seed";
import { tokenOf } from "./setup";

const seed = fuzzSeed();
let ctx: OAuthContext;

beforeAll(async () => {
  const accountId = await createAccount(undefined, "fuzz oauth");
  const server = await createServer(accountId, { require_api_token_auth: true });
  const open = await createServer(accountId);
  ctx = {
    serverUrl: server.url,
    openServerUrl: open.url,
    clientId: await registerClient([REDIRECT]),
    key: await createMcpKey(accountId, "fuzz oauth"),
  };
});

describe("fuzzing the OAuth endpoints", () => {
  it("answers registration, authorize, consent, token and discovery without 5xx or leaks", async () => {
    // What the cases reached, by family and status: a run of only early refusals proves little.
    const reached: Record<string, number> = {};
    const report = await runFuzz(seed, {
      name: "oauth",
      count: 700,
      // The server URLs carry their tokens: no answer may repeat one, nor the key.
      secrets: () => [
        ...STATIC_SECRETS,
        tokenOf(ctx.serverUrl),
        tokenOf(ctx.openServerUrl),
        ctx.key,
      ],
      generate: (rng) => oauthCase(rng, ctx),
      after(fuzzCase, observed) {
        const key = `${fuzzCase.family} ${observed.status}`;
        reached[key] = (reached[key] ?? 0) + 1;
      },
    });
    console.log(
      `fuzz oauth: ${report.cases} cases in ${report.ms} ms (seed ${seed})`,
      JSON.stringify(reached),
    );
    // The runs reach the consent page, registrations and every size bound, not just refusals.
    for (const key of [
      "authorize 200",
      "authorize 302",
      "register 201",
      "register 413",
      "token 413",
    ]) {
      expect(reached[key], key).toBeGreaterThan(0);
    }
    if (report.failures.length) throw new Error(failureMessage(seed, report));
    expect(report.failures).toEqual([]);
  }, 180_000);
});
