import { toHttpResponse } from "./api-response";
import { authenticate } from "./auth";
import { controlEnabled, parseTokens } from "./config";
import type { ApiRequest } from "./context";
import { handleControl } from "./control";
import type { SimulatorEnv } from "./env";
import { errorResponse, routeNotFound } from "./http";
import { readBody } from "./request-body";

export { TenantStore } from "./tenant-store";

/**
 * The eDesk simulator: eDesk's public REST API (docs/edesk-api.md) under `/v1`, one Durable Object
 * per account (tenant), plus the test-only `/__sim/` control API when SIM_CONTROL is "on".
 */
async function handleApi(request: Request, env: SimulatorEnv, url: URL): Promise<Response> {
  const auth = authenticate(request.headers.get("authorization"), parseTokens(env.SIM_TOKENS));
  if ("reason" in auth) return errorResponse(401, "Unauthorized", auth.reason);
  const { grant } = auth;
  const req: ApiRequest = {
    tenant: grant.tenant,
    tokenKey: grant.key,
    readOnly: grant.readOnly,
    method: request.method,
    path: url.pathname.slice("/v1".length) || "/",
    query: Object.fromEntries(url.searchParams),
    body: await readBody(request),
  };
  const stub = env.TENANTS.get(env.TENANTS.idFromName(grant.tenant));
  return toHttpResponse(await stub.handle(req));
}

export default {
  async fetch(request, env): Promise<Response> {
    const url = new URL(request.url);
    const path = url.pathname;
    if (path === "/__sim" || path.startsWith("/__sim/")) {
      // Off by default: then the control paths are unknown routes like any other.
      return controlEnabled(env) ? handleControl(request, env, url) : routeNotFound(path);
    }
    if (path === "/v1" || path.startsWith("/v1/")) return handleApi(request, env, url);
    return routeNotFound(path);
  },
} satisfies ExportedHandler<SimulatorEnv>;
