import { SELF, env } from "cloudflare:test";
import type { SimulatorEnv } from "../../simulator/src/env";
import worker from "../../simulator/src/index";

/** The token simulator/wrangler.toml accepts by default (tenant `demo`). */
export const DEMO = "demo-edesk-token";
/** Extra tokens, available when the simulator is called with `simEnv()`. */
export const ACME = "acme-edesk-token";
export const READ_ONLY = "demo-ro-token";
const TOKENS = `${DEMO}:demo,${READ_ONLY}:demo:ro,${ACME}:acme`;

/**
 * The simulator's env with more tokens. vitest-pool-workers 0.15 types `env` as the global
 * `Cloudflare.Env` (no `ProvidedEnv`), which belongs to the main worker, hence the cast.
 */
export function simEnv(overrides: Partial<SimulatorEnv> = {}): SimulatorEnv {
  return {
    ...(env as unknown as SimulatorEnv),
    SIM_TOKENS: TOKENS,
    SIM_CONTROL: "on",
    ...overrides,
  };
}

export interface Reply<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

async function reply<T>(response: Response): Promise<Reply<T>> {
  const text = await response.text();
  return {
    status: response.status,
    body: (text ? JSON.parse(text) : null) as T,
    headers: response.headers,
  };
}

export interface CallOptions {
  body?: unknown;
  /** Defaults to the demo token; `null` sends no Authorization header. */
  token?: string | null;
  query?: Record<string, string | number>;
  headers?: Record<string, string>;
}

/**
 * Calls the simulator's `/v1` API. The demo token goes through `SELF` (the Worker exactly as
 * configured by simulator/wrangler.toml); other tokens call the Worker's fetch with `simEnv()`.
 */
export async function call<T = any>(
  method: string,
  path: string,
  opts: CallOptions = {},
): Promise<Reply<T>> {
  const token = opts.token === undefined ? DEMO : opts.token;
  const url = new URL(`http://sim/v1${path}`);
  for (const [k, v] of Object.entries(opts.query ?? {})) url.searchParams.set(k, String(v));
  const headers: Record<string, string> = { ...(opts.headers ?? {}) };
  if (token !== null) headers.authorization = `Bearer ${token}`;
  let body: BodyInit | undefined;
  if (opts.body instanceof FormData || typeof opts.body === "string") body = opts.body;
  else if (opts.body !== undefined) {
    body = JSON.stringify(opts.body);
    headers["content-type"] = "application/json";
  }
  const request = new Request(url, { method, headers, body });
  if (token === DEMO || token === null) return reply<T>(await SELF.fetch(request));
  return reply<T>(await fetchWithSimEnv(request));
}

/** Calls the Worker's fetch directly with `simEnv()` (every tenant's token configured). */
function fetchWithSimEnv(request: Request): Promise<Response> {
  // The Worker is typed for incoming requests (with `cf`); a test request has none.
  return worker.fetch(request as Parameters<typeof worker.fetch>[0], simEnv());
}

/** Calls the test-only control API (on in the simulator test project). */
export async function control<T = any>(
  method: string,
  path: string,
  body?: unknown,
): Promise<Reply<T>> {
  const init: RequestInit = { method };
  if (body !== undefined) init.body = JSON.stringify(body);
  return reply<T>(await SELF.fetch(`http://sim/__sim${path}`, init));
}

/** Calls the control API with `simEnv()`, so it acts on every tenant of the extra tokens too. */
export async function controlAll<T = any>(
  method: string,
  path: string,
  body?: unknown,
): Promise<Reply<T>> {
  const init: RequestInit = { method };
  if (body !== undefined) init.body = JSON.stringify(body);
  return reply<T>(await fetchWithSimEnv(new Request(`http://sim/__sim${path}`, init)));
}

/** Reseeds every tenant and restores the default bucket (60, 2/s). */
export async function resetAll(): Promise<void> {
  const request = new Request("http://sim/__sim/reset", { method: "POST" });
  await worker.fetch(request as Parameters<typeof worker.fetch>[0], simEnv());
}

/** A 400 validation error's `details` map as `{field: code}`. */
export function codes(body: any): Record<string, string> {
  const details = body?.error?.details ?? {};
  return Object.fromEntries(
    Object.entries(details).map(([k, v]: [string, any]) => [k, v.errorCode]),
  );
}

/** Walks every page of a list and returns all rows. */
export async function listAll<T = any>(
  path: string,
  query: Record<string, string | number> = {},
  itemsPerPage = 100,
) {
  const rows: T[] = [];
  for (let page = 1; ; page++) {
    const { body } = await call("GET", path, { query: { ...query, page, itemsPerPage } });
    rows.push(...body.data);
    if (page * itemsPerPage >= body.paginator.totalItemsCount)
      return { rows, total: body.paginator.totalItemsCount as number };
  }
}
