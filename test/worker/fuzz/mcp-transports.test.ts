import { beforeAll, describe, expect, it } from "vitest";
import { adminApi } from "../helpers";
import { legacyCase, legacyExecutor } from "./legacy-cases";
import { mcpCase, type McpContext } from "./mcp-cases";
import { checkCase, STATIC_SECRETS } from "./oracle";
import { failureMessage, runFuzz } from "./runner";
import { fuzzSeed } from "./seed";
import { FUZZ_TENANTS, fuzzAccount, fuzzServer, type FuzzServer } from "./setup";

const seed = fuzzSeed();
let ctx: McpContext;
const tokens: string[] = [];
const secrets = () => [...STATIC_SECRETS, ...tokens];

beforeAll(async () => {
  const accountId = await fuzzAccount("mcp");
  const server = (config?: Record<string, unknown>, auth?: Record<string, string>) =>
    fuzzServer(accountId, config, auth).then((s: FuzzServer) => {
      tokens.push(s.token);
      return s;
    });
  const main = await server();
  const other = await server();
  const auth = await server(
    { require_api_token_auth: true },
    { authorization: "Bearer test-api-key" },
  );
  const revoked = await server();
  await adminApi("DELETE", `/api/integrated-account/${accountId}/mcp/${revoked.id}`);
  // The auth server's session headers carry the API key for the valid cases; the
  // authorization family replaces it.
  ctx = { main, other, auth, revokedUrl: revoked.url };
});

describe("fuzzing the MCP transports", () => {
  it("answers every Streamable HTTP fault with a well-formed error, in time, leaking nothing", async () => {
    const report = await runFuzz(seed, {
      name: "mcp",
      count: 2_000,
      tenant: FUZZ_TENANTS.mcp.tenant,
      secrets,
      generate: (rng, index) => mcpCase(rng, ctx, index),
    });
    console.log(
      `fuzz mcp: ${report.cases} cases in ${report.ms} ms (seed ${seed})`,
      JSON.stringify(report.families),
    );
    if (report.failures.length) throw new Error(failureMessage(seed, report));
    expect(report.failures).toEqual([]);
  }, 120_000);

  it("answers every legacy HTTP+SSE fault on the POST or on the stream, leaking nothing", async () => {
    const legacy = legacyExecutor(ctx.main, ctx.other);
    try {
      const report = await runFuzz(seed, {
        name: "legacy",
        count: 600,
        tenant: FUZZ_TENANTS.mcp.tenant,
        secrets,
        generate: legacyCase,
        execute: legacy.execute,
      });
      console.log(
        `fuzz legacy: ${report.cases} cases in ${report.ms} ms (seed ${seed})`,
        JSON.stringify(report.families),
      );
      const stream = {
        status: 200,
        headers: [],
        body: legacy.streamText(),
        contentType: "",
        ms: 0,
        timedOut: false,
      };
      report.failures.push(
        ...checkCase(stream, { kind: "any" }, secrets(), []).map(
          (p) => `seed=${seed} legacy stream → ${p}`,
        ),
      );
      if (report.failures.length) throw new Error(failureMessage(seed, report));
      expect(report.failures).toEqual([]);
    } finally {
      await legacy.close();
    }
  }, 120_000);
});
