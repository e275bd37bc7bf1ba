export const ROOT: string;
export interface Stack {
  simulatorUrl: string;
  workerUrl: string;
  apiKey: string;
  stop(): Promise<unknown>;
}
export interface StackOptions {
  simulatorPort?: number;
  workerPort?: number;
  secrets?: { apiKey: string; encryptionKey: string };
  persistTo?: string;
  simulatorControl?: boolean;
  simulatorTokens?: string;
  allowedOrigins?: string;
  /** false: MCP_ACCEPT_ADMIN_KEYS=false. */
  acceptAdminKeysForMcp?: boolean;
  log?: boolean;
}
export function freePort(): Promise<number>;
export function devSecrets(): { apiKey: string; encryptionKey: string };
export function startStack(options?: StackOptions): Promise<Stack>;
export interface DevWorker {
  url: string;
  stop(): Promise<unknown>;
  /** The last 20 kB of wrangler's output, for failure messages. */
  output(): string;
}
export function startDevWorker(options: {
  name: string;
  configPath: string;
  vars?: Record<string, string>;
  /** Added to wrangler's environment (NODE_EXTRA_CA_CERTS, say). */
  env?: Record<string, string>;
  persistTo?: string;
  readyPath?: string;
  log?: boolean;
}): Promise<DevWorker>;
export function createDemoServer(
  stack: Stack,
  options: {
    apiToken: string;
    name?: string;
    config?: Record<string, unknown>;
    /** No account budget and no loop guard: for load generators (bench, soak). */
    unguarded?: boolean;
    /** The account's max_calls_per_minute (null: none); wins over `unguarded`'s null. */
    accountBudget?: number | null;
  },
): Promise<{
  account: { id: string; name: string };
  server: { id: string; url: string; tools: string[]; name: string };
}>;
/** Creates an mcp-scoped key for one account's servers and returns the key. */
export function createMcpKey(stack: Stack, accountId: string, name?: string): Promise<string>;
