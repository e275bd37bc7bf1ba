import { adminRouter } from "./admin/routes";
import { isAdminUiPath, serveAdminUi } from "./admin-ui/serve";
import { parseConfig, type Env } from "./env";
import { AppError, errorResponse, jsonResponse } from "./http/errors";
import { isMcpPath, routeMcp } from "./mcp/gate";
import { isOAuthPath, routeOAuth } from "./oauth/routes";

export { AccountObject } from "./accounts/account-object";
export { KeyObject } from "./keys/key-object";
export { RegistrationObject } from "./oauth/registration-limit";
export { ServerObject } from "./server-object/server-object";

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
