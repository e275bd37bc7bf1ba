import { adminRouter } from "./edge/admin/routes";
import { isAdminUiPath, serveAdminUi } from "./edge/admin-ui/serve";
import { parseConfig, type Env } from "./lib/env";
import { AppError, errorResponse, jsonResponse } from "./lib/http/errors";
import { isMcpPath, routeMcp } from "./edge/mcp/gate";
import { isOAuthPath, routeOAuth } from "./edge/oauth/routes";

export { AccountObject } from "./server/accounts/account-object";
export { KeyObject } from "./server/keys/key-object";
export { RegistrationObject } from "./server/oauth/registration-limit";
export { ServerObject } from "./server/server-object/server-object";

export default {
  async fetch(request: Request, env: Env, ctx: ExecutionContext): Promise<Response> {
    try {
      const { pathname } = new URL(request.url);
      if (isMcpPath(pathname)) return await routeMcp(request, env, parseConfig(env));
      if (isOAuthPath(pathname)) return await routeOAuth(request, env, ctx, parseConfig(env));
      if (pathname === "/health") return jsonResponse({ ok: true });
      if (isAdminUiPath(pathname)) return await serveAdminUi(request, env);
      if (pathname.startsWith("/api/")) {
        const response = await adminRouter.fetch(request, env);
        if (response) return response;
      }
      throw new AppError(404, "not_found", "No such route.");
    } catch (error) {
      return errorResponse(error, request);
    }
  },
} satisfies ExportedHandler<Env>;
