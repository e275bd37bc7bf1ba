import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { startStack } from "../../scripts/dev-stack.mjs";

/** A bucket no test reaches by accident. */
export const ROOMY_BUCKET = { capacity: 100_000, refill_per_second: 100_000 };

declare module "vitest" {
  export interface ProvidedContext {
    workerUrl: string;
    simulatorUrl: string;
    apiKey: string;
  }
}

/** One simulator + worker pair under `wrangler dev` for the whole e2e layer, on free ports. */
export default async function setup(project: TestProject) {
  const state = mkdtempSync(path.join(tmpdir(), "edesk-mcp-e2e-"));
  const stack = await startStack({
    persistTo: state,
    simulatorControl: true,
    // `guard` and `budget` belong to the guard-*.test.ts files, whose checks read their logs.
    simulatorTokens:
      "demo-edesk-token:demo,acme-edesk-token:acme,readonly-edesk-token:demo:ro," +
      "guard-edesk-token:guard,budget-edesk-token:budget",
    allowedOrigins: "https://allowed.example",
    // Every recipe must work with an mcp-scoped key alone: admin keys are refused on /mcp here.
    acceptAdminKeysForMcp: false,
    log: process.env.E2E_LOG === "1",
  });
  // Tests that are not about rate limits must not trip eDesk's 60-burst bucket by accident;
  // the rate-limit tests shrink it themselves and restore this.
  await fetch(`${stack.simulatorUrl}/__sim/bucket`, {
    method: "PUT",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(ROOMY_BUCKET),
  });
  project.provide("workerUrl", stack.workerUrl);
  project.provide("simulatorUrl", stack.simulatorUrl);
  project.provide("apiKey", stack.apiKey);
  return async () => {
    await stack.stop();
    rmSync(state, { recursive: true, force: true });
  };
}
