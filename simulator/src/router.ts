import type { Handler } from "./context";

export interface Route {
  method: string;
  pattern: RegExp;
  handler: Handler;
}

/** A route for `path`, where `:id` stands for a positive integer id (ids are int64, §2). */
export function route(method: string, path: string, handler: Handler): Route {
  const source = path.replace(/\//g, "\\/").replace(":id", "(\\d{1,18})");
  return { method, pattern: new RegExp(`^${source}$`), handler };
}

/** The path without a trailing slash ("/" stays "/"). */
export const cleanPath = (path: string) => (path.length > 1 ? path.replace(/\/+$/, "") : path);

export interface Match {
  handler: Handler;
  id: number;
}

/**
 * Finds the handler for a method and path (below `/v1`). A trailing slash is ignored.
 * A known path with another method is treated like an unknown route.
 */
// GUESS: eDesk's answer to a wrong method on a known path is unknown; §3 reports 404 for unknown
// routes, so the simulator answers 404 rather than 405.
export function match(routes: Route[], method: string, path: string): Match | undefined {
  const clean = cleanPath(path);
  for (const r of routes) {
    if (r.method !== method) continue;
    const m = r.pattern.exec(clean);
    if (m) return { handler: r.handler, id: m[1] ? Number(m[1]) : 0 };
  }
  return undefined;
}
