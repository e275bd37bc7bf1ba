import { z } from "zod";

/** Bindings and variables of the worker (docs/architecture.md §1 Configuration). */
export interface Env {
  TOKENS: KVNamespace;
  /** OAuth clients, grants and tokens, as @cloudflare/workers-oauth-provider stores them. */
  OAUTH_KV: KVNamespace;
  // The Durable Object namespaces are untyped here so that this bottom layer names no class of
  // the layers above; each class's module gives its typed stub through `objectStub` below.
  SERVERS: DurableObjectNamespace;
  ACCOUNTS: DurableObjectNamespace;
  /** The API keys created through the admin API (src/server/keys/key-object.ts). */
  KEYS: DurableObjectNamespace;
  /** Dynamic Client Registrations of the last hour (src/server/oauth/registration-limit.ts). */
  REGISTRATIONS: DurableObjectNamespace;
  /** The admin page's static files (wrangler.toml `[assets]`). */
  ASSETS: Fetcher;
  EDESK_API_BASE_URL?: string;
  API_KEYS?: string;
  /** "false" stops admin keys from serving as MCP credentials (default "true"). */
  MCP_ACCEPT_ADMIN_KEYS?: string;
  ENCRYPTION_KEY?: string;
  ALLOWED_ORIGINS?: string;
  PUBLIC_BASE_URL?: string;
  /** Per-request eDesk timeout in ms, body included (default 15000). */
  EDESK_TIMEOUT_MS?: string;
  /** "true": OAuth client metadata documents may live on loopback hosts (dev and tests only). */
  OAUTH_CIMD_ALLOW_LOOPBACK?: string;
}

/**
 * The stub of the object named `name` in `namespace`, typed as the class that wrangler.toml binds
 * to it. Only a class's own module calls this (`serverObject`, `accountObject`, `keyStore`,
 * `registrationLimit`), so each binding is typed once, next to its class.
 */
export function objectStub<T extends Rpc.DurableObjectBranded>(
  namespace: DurableObjectNamespace,
  name: string,
): DurableObjectStub<T> {
  return namespace.get(namespace.idFromName(name)) as unknown as DurableObjectStub<T>;
}

const list = (value: string | undefined): string[] =>
  (value ?? "")
    .split(",")
    .map((item) => item.trim())
    .filter(Boolean);

const configSchema = z.object({
  edeskApiBaseUrl: z
    .url()
    .transform((url) => url.replace(/\/+$/, ""))
    .default("https://api.edesk.com/v1"),
  apiKeys: z.array(z.string().min(1)),
  // Only "true" or "false": a typo must not silently leave admin keys accepted (or refused).
  mcpAcceptAdminKeys: z
    .enum(["true", "false"])
    .default("true")
    .transform((value) => value === "true"),
  encryptionKey: z.string().optional(),
  allowedOrigins: z.array(z.string()),
  publicBaseUrl: z
    .url()
    .transform((url) => url.replace(/\/+$/, ""))
    .optional(),
  // Bounded both ways: under 100 ms nothing answers, and a Worker request should not hang on
  // one upstream call for minutes.
  edeskTimeoutMs: z.coerce.number().int().min(100).max(120_000).default(15_000),
  oauthCimdAllowLoopback: z
    .enum(["true", "false"])
    .default("false")
    .transform((value) => value === "true"),
});

export type Config = z.infer<typeof configSchema>;

const cache = new WeakMap<object, Config>();

/**
 * Reads the worker's configuration once per env object. Empty strings count as unset so that
 * `wrangler.toml` can declare the variables with empty defaults.
 */
export function parseConfig(env: Env): Config {
  const cached = cache.get(env);
  if (cached) return cached;
  const config = configSchema.parse({
    edeskApiBaseUrl: env.EDESK_API_BASE_URL || undefined,
    apiKeys: list(env.API_KEYS),
    mcpAcceptAdminKeys: env.MCP_ACCEPT_ADMIN_KEYS?.trim().toLowerCase() || undefined,
    encryptionKey: env.ENCRYPTION_KEY || undefined,
    allowedOrigins: list(env.ALLOWED_ORIGINS),
    publicBaseUrl: env.PUBLIC_BASE_URL || undefined,
    edeskTimeoutMs: env.EDESK_TIMEOUT_MS || undefined,
    oauthCimdAllowLoopback: env.OAUTH_CIMD_ALLOW_LOOPBACK?.trim().toLowerCase() || undefined,
  });
  cache.set(env, config);
  return config;
}
