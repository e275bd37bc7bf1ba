import { beforeAll, describe, expect, it } from "vitest";
import { adminApi, rpc } from "../helpers";
import { modernCase, type ModernContext } from "./modern-cases";
import { modernHeaders, modernRequest } from "./modern-request";
import { STATIC_SECRETS } from "./oracle";
import { failureMessage, runFuzz } from "./runner";
import { fuzzSeed } from "./seed";
import { FUZZ_TENANTS, fuzzAccount, fuzzServer, type FuzzServer } from "./setup";
import type { ListedTool } from "./tool-mutations";

const seed = fuzzSeed();
let ctx: ModernContext;
const tokens: string[] = [];

/** The server's tools as a 2026-07-28 client lists them. */
async function modernTools(server: FuzzServer): Promise<ListedTool[]> {
  const message = modernRequest("list", "tools/list");
  const { jsonrpc: _, ...body } = message;
  const res = await rpc(server.url, body, Object.fromEntries(modernHeaders(message)));
  if (res.status !== 200) throw new Error(`modern tools/list: ${res.status}`);
  return res.body.result.tools;
}

beforeAll(async () => {
  const accountId = await fuzzAccount("modern");
  const server = (config?: Record<string, unknown>, auth?: Record<string, string>) =>
    fuzzServer(accountId, config, auth).then((s) => {
      tokens.push(s.token);
      return s;
    });
  const main = await server();
  const auth = await server(
    { require_api_token_auth: true },
    { authorization: "Bearer test-api-key" },
  );
  const revoked = await server();
  await adminApi("DELETE", `/api/integrated-account/${accountId}/mcp/${revoked.id}`);
  ctx = { main, auth, revokedUrl: revoked.url, tools: await modernTools(main) };
});

describe("fuzzing the 2026-07-28 era", () => {
  it("answers every modern fault with the spec's error, sends nothing upstream, logs no error, leaks nothing", async () => {
    const report = await runFuzz(seed, {
      name: "modern",
      count: 1_200,
      tenant: FUZZ_TENANTS.modern.tenant,
      secrets: () => [...STATIC_SECRETS, ...tokens],
      generate: (rng, index) => modernCase(rng, ctx, index),
      quietLog: true,
    });
    console.log(
      `fuzz modern: ${report.cases} cases in ${report.ms} ms (seed ${seed})`,
      JSON.stringify(report.families),
    );
    if (report.failures.length) throw new Error(failureMessage(seed, report));
    expect(report.failures).toEqual([]);
  }, 120_000);
});
