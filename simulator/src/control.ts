import { parseTokens, tenantsOf } from "./config";
import { readJson, stubOf } from "./control-io";
import type { SimulatorEnv } from "./env";
import { handleFaults } from "./faults/control";
import { errorResponse, jsonResponse, routeNotFound } from "./http";
import type { BucketConfig } from "./rate-limit";

/**
 * Test-only control API under `/__sim/` (no auth; reachable only when SIM_CONTROL is "on"):
 * - POST   /__sim/reset            body `{tenant?}`: reseed one or all tenants, reset buckets,
 *                                  fault rules and request logs
 * - PUT    /__sim/bucket           body `{capacity, refill_per_second}`: bucket for all tokens
 * - GET    /__sim/requests?tenant= the tenant's API request log, oldest first
 * - DELETE /__sim/requests[?tenant=] clear one or all logs
 * - PUT    /__sim/faults[?tenant=] body `{rules: FaultRule[], seed?}`: replaces the upstream
 *                                  fault rules of every tenant, or of one (faults/rule.ts); 400
 *                                  on a bad rule
 * - DELETE /__sim/faults[?tenant=] clears them (so does POST /__sim/reset)
 * - GET    /__sim/faults?tenant=   `{rules, injected}`: the rules and the faults injected so far
 *                                  for the tenant, by status (kind status) or kind
 */

function readBucket(body: Record<string, unknown>): BucketConfig | undefined {
  const { capacity, refill_per_second: refill } = body;
  if (typeof capacity !== "number" || !Number.isInteger(capacity) || capacity < 1) return undefined;
  if (typeof refill !== "number" || !Number.isFinite(refill) || refill < 0) return undefined;
  return { capacity, refillPerSecond: refill };
}

export async function handleControl(
  request: Request,
  env: SimulatorEnv,
  url: URL,
): Promise<Response> {
  const all = tenantsOf(parseTokens(env.SIM_TOKENS));
  const tenantParam = url.searchParams.get("tenant");
  const route = `${request.method} ${url.pathname}`;

  if (route === "POST /__sim/reset") {
    const body = await readJson(request);
    const tenants = typeof body.tenant === "string" ? [body.tenant] : all;
    await Promise.all(tenants.map((t) => stubOf(env, t).reset(t)));
    return jsonResponse(200, { data: { reset: tenants } });
  }
  if (route === "PUT /__sim/bucket") {
    const config = readBucket(await readJson(request));
    if (!config) {
      return errorResponse(
        400,
        "Invalid bucket",
        "Send {capacity: integer >= 1, refill_per_second: number >= 0}",
      );
    }
    await Promise.all(all.map((t) => stubOf(env, t).configureBucket(config)));
    return jsonResponse(200, {
      data: { capacity: config.capacity, refill_per_second: config.refillPerSecond, tenants: all },
    });
  }
  if (url.pathname === "/__sim/faults") return handleFaults(request, env, all, tenantParam);
  if (route === "GET /__sim/requests") {
    if (!tenantParam) return errorResponse(400, "Missing tenant", "Add ?tenant=<name>");
    return jsonResponse(200, { data: await stubOf(env, tenantParam).requestLog() });
  }
  if (route === "DELETE /__sim/requests") {
    const tenants = tenantParam ? [tenantParam] : all;
    await Promise.all(tenants.map((t) => stubOf(env, t).clearRequestLog()));
    return jsonResponse(200, { ok: true, message: "Request log cleared" });
  }
  return routeNotFound(url.pathname);
}
