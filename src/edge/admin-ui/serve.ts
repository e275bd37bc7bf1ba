import type { Env } from "../../lib/env";
import { AppError } from "../../lib/http/errors";
import { withSecurityHeaders } from "../../lib/http/security-headers";

/** Where the admin page lives; its files are `public/admin/*` (wrangler.toml `[assets]`). */
export const ADMIN_PATH = "/admin";

/** True for the paths the admin page answers: `/`, `/admin` and everything under it. */
export function isAdminUiPath(pathname: string): boolean {
  return pathname === "/" || pathname === ADMIN_PATH || pathname.startsWith(`${ADMIN_PATH}/`);
}

/**
 * Serves the admin page. `/` redirects to it; `/admin` is asked of the assets as `/admin/` so
 * their HTML handling answers with `index.html` instead of a trailing-slash redirect.
 */
export async function serveAdminUi(request: Request, env: Env): Promise<Response> {
  const url = new URL(request.url);
  if (url.pathname === "/") {
    return withSecurityHeaders(Response.redirect(new URL(ADMIN_PATH, url).toString(), 302));
  }
  if (request.method !== "GET" && request.method !== "HEAD") {
    throw new AppError(405, "method_not_allowed", "The admin page answers GET and HEAD only.", {
      headers: { allow: "GET, HEAD" },
    });
  }
  if (url.pathname === ADMIN_PATH) url.pathname = `${ADMIN_PATH}/`;
  const response = await env.ASSETS.fetch(new Request(url, request));
  return withSecurityHeaders(response);
}
