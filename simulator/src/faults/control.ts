import { readJson, stubOf } from "../control-io";
import type { SimulatorEnv } from "../env";
import { errorResponse, jsonResponse, routeNotFound } from "../http";
import { parseFaultConfig } from "./rule";

/**
 * `/__sim/faults` of the test-only control API (control.ts): PUT replaces the rules of every
 * tenant (or of `?tenant=` alone, so tests running side by side do not fault each other), DELETE
 * clears them likewise, GET reports one tenant's rules and the faults they injected.
 */
export async function handleFaults(
  request: Request,
  env: SimulatorEnv,
  tenants: string[],
  tenant: string | null,
): Promise<Response> {
  switch (request.method) {
    case "PUT": {
      const config = parseFaultConfig(await readJson(request));
      if (typeof config === "string") return errorResponse(400, "Invalid fault rules", config);
      const targets = tenant ? [tenant] : tenants;
      await Promise.all(targets.map((t) => stubOf(env, t).configureFaults(config)));
      return jsonResponse(200, { data: { rules: config.rules } });
    }
    case "DELETE":
      await Promise.all(
        (tenant ? [tenant] : tenants).map((t) => stubOf(env, t).configureFaults(null)),
      );
      return jsonResponse(200, { data: { rules: [] } });
    case "GET": {
      if (!tenant) return errorResponse(400, "Missing tenant", "Add ?tenant=<name>");
      return jsonResponse(200, { data: await stubOf(env, tenant).faultReport() });
    }
    default:
      return routeNotFound("/__sim/faults");
  }
}
