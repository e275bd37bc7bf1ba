import { cloudflareTest } from "@cloudflare/vitest-plugin";
import { buildSync } from "esbuild";
import { defineConfig } from "vitest/config";

/** Fixed test-only secrets for the workerd layer; never used outside tests. */
export const TEST_API_KEY = "test-api-key";
const TEST_ENCRYPTION_KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

/**
 * The simulator runs beside the worker under test as an auxiliary worker, and every outbound
 * fetch of the worker goes to it: the worker calls "eDesk" over HTTP exactly as in production.
 */
function simulatorWorker() {
  const outfile = ".test-build/simulator.mjs";
  buildSync({
    entryPoints: ["simulator/src/index.ts"],
    bundle: true,
    format: "esm",
    platform: "neutral",
    target: "es2022",
    conditions: ["workerd", "worker", "browser"],
    external: ["cloudflare:*", "node:*"],
    outfile,
    logLevel: "error",
  });
  return {
    name: "edesk-simulator",
    modules: true,
    scriptPath: outfile,
    compatibilityDate: "2026-11-03",
    compatibilityFlags: ["nodejs_compat"],
    durableObjects: { TENANTS: { className: "TenantStore", useSQLite: true } },
    bindings: {
      // The fuzz-* tenants belong to test/worker/fuzz alone, `faults` to upstream-faults.test.ts,
      // `redact` to redact.test.ts, `names` to find-by-name.test.ts, `usage` to usage.test.ts,
      // `fanout` to fan-out.test.ts, `guard` to guard-confirm.test.ts, `budget` to
      // guard-limits.test.ts: their request logs show exactly what the fuzzer or the test sent
      // upstream, and their rate-limit buckets and fault rules are nobody else's.
      SIM_TOKENS: [
        "demo-edesk-token:demo",
        "acme-edesk-token:acme",
        "readonly-edesk-token:demo:ro",
        "fuzz-mcp-edesk-token:fuzz-mcp",
        "fuzz-tools-edesk-token:fuzz-tools",
        "fuzz-admin-edesk-token:fuzz-admin",
        "fuzz-modern-edesk-token:fuzz-modern",
        "faults-edesk-token:faults",
        "redact-edesk-token:redact",
        "names-edesk-token:names",
        "usage-edesk-token:usage",
        "fanout-edesk-token:fanout",
        "guard-edesk-token:guard",
        "budget-edesk-token:budget",
      ].join(","),
      SIM_CONTROL: "on",
    },
  };
}

export default defineConfig({
  test: {
    projects: [
      {
        plugins: [cloudflareTest({ wrangler: { configPath: "./wrangler.toml" } })],
        test: { name: "unit", include: ["test/unit/**/*.test.ts"] },
      },
      {
        plugins: [
          cloudflareTest(() => ({
            wrangler: { configPath: "./wrangler.toml" },
            miniflare: {
              bindings: {
                EDESK_API_BASE_URL: "http://edesk.test/v1",
                API_KEYS: TEST_API_KEY,
                ENCRYPTION_KEY: TEST_ENCRYPTION_KEY,
                PUBLIC_BASE_URL: "https://mcp.example.com",
                ALLOWED_ORIGINS: "https://allowed.example",
                // Short, so the fault tests provoke a timeout quickly; the simulator answers in ms.
                EDESK_TIMEOUT_MS: "1500",
              },
              outboundService: "edesk-simulator",
              workers: [simulatorWorker()],
            },
          })),
        ],
        test: {
          name: "worker",
          include: ["test/worker/**/*.test.ts"],
          // workerd does not see the host's environment: the fuzzer's seed and replay target
          // travel as provided context (test/worker/fuzz/seed.ts).
          provide: { fuzzSeed: process.env.FUZZ_SEED ?? "", fuzzCase: process.env.FUZZ_CASE ?? "" },
        },
      },
      {
        plugins: [
          cloudflareTest({
            wrangler: { configPath: "./simulator/wrangler.toml" },
            miniflare: { bindings: { SIM_CONTROL: "on" } },
          }),
        ],
        test: { name: "simulator", include: ["test/simulator/**/*.test.ts"] },
      },
      {
        test: {
          name: "e2e",
          environment: "node",
          include: ["test/e2e/**/*.test.ts"],
          globalSetup: ["test/e2e/global-setup.ts"],
          // One simulator serves every file, and some tests reshape its rate-limit bucket.
          fileParallelism: false,
          testTimeout: 30_000,
          hookTimeout: 90_000,
          // Pages and workers answer in ms on a quiet machine, but a loaded CI runner can take
          // seconds for a first compile or a DO's first SQLite open; 1 s (the default) flakes.
          expect: { poll: { timeout: 10_000 } },
        },
      },
    ],
  },
});
