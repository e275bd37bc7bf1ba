// Starts the eDesk simulator and the worker under `wrangler dev`, fully offline.
// Shared by `npm start` and the end-to-end tests.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";
import path from "node:path";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const WRANGLER = path.join(ROOT, "node_modules", ".bin", "wrangler");

/** No telemetry, no Request.cf download, no error-report prompt (docs/toolchain.md §4). */
const OFFLINE_ENV = {
  CLOUDFLARE_CF_FETCH_ENABLED: "false",
  WRANGLER_SEND_METRICS: "false",
  WRANGLER_SEND_ERROR_REPORTS: "false",
  CI: process.env.CI ?? "",
};

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

export function devSecrets() {
  return {
    apiKey: `dev_${randomBytes(24).toString("base64url")}`,
    encryptionKey: randomBytes(32).toString("base64"),
  };
}

function startWrangler(name, args, { log, env = {} }) {
  const child = spawn(WRANGLER, ["dev", ...args], {
    cwd: ROOT,
    env: { ...process.env, ...OFFLINE_ENV, ...env },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let output = "";
  const collect = (chunk) => {
    output = (output + chunk).slice(-20_000);
    if (log) process.stderr.write(`[${name}] ${chunk}`);
  };
  child.stdout.on("data", collect);
  child.stderr.on("data", collect);
  return { name, child, output: () => output };
}

async function waitReady(proc, url, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (proc.child.exitCode !== null) {
      throw new Error(`${proc.name} exited (${proc.child.exitCode}):\n${proc.output()}`);
    }
    try {
      const response = await fetch(url);
      if (response.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  throw new Error(`${proc.name} not ready at ${url} after ${timeoutMs} ms:\n${proc.output()}`);
}

/** Kills a wrangler process group: workerd is a child that otherwise lingers (docs/toolchain.md §8.11). */
function stop(proc) {
  if (proc.child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    proc.child.once("exit", resolve);
    try {
      process.kill(-proc.child.pid, "SIGTERM");
    } catch {
      resolve();
    }
    setTimeout(() => {
      try {
        process.kill(-proc.child.pid, "SIGKILL");
      } catch {
        // gone
      }
    }, 3_000).unref();
  });
}

/**
 * Starts both workers. `persistTo` keeps local KV/DO state apart (tests use a fresh folder);
 * `simulatorControl` turns on the simulator's test-only `/__sim/` control endpoints;
 * `acceptAdminKeysForMcp: false` sets MCP_ACCEPT_ADMIN_KEYS=false (admin keys refused on /mcp).
 */
export async function startStack(options = {}) {
  const simPort = options.simulatorPort ?? (await freePort());
  const workerPort = options.workerPort ?? (await freePort());
  const secrets = options.secrets ?? devSecrets();
  const persist = options.persistTo ? ["--persist-to", options.persistTo] : [];
  const log = options.log ?? false;
  const simulatorUrl = `http://127.0.0.1:${simPort}`;
  const workerUrl = `http://127.0.0.1:${workerPort}`;

  const simulator = startWrangler(
    "simulator",
    [
      "-c",
      "simulator/wrangler.toml",
      "--ip",
      "127.0.0.1",
      "--port",
      String(simPort),
      "--inspector-port",
      String(await freePort()),
      ...(options.simulatorControl ? ["--var", "SIM_CONTROL:on"] : []),
      ...(options.simulatorTokens ? ["--var", `SIM_TOKENS:${options.simulatorTokens}`] : []),
      ...persist,
    ],
    { log },
  );
  const worker = startWrangler(
    "worker",
    [
      "-c",
      "wrangler.toml",
      "--ip",
      "127.0.0.1",
      "--port",
      String(workerPort),
      "--inspector-port",
      String(await freePort()),
      "--var",
      `EDESK_API_BASE_URL:${simulatorUrl}/v1`,
      "--var",
      `API_KEYS:${secrets.apiKey}`,
      "--var",
      `ENCRYPTION_KEY:${secrets.encryptionKey}`,
      "--var",
      `PUBLIC_BASE_URL:${workerUrl}`,
      ...(options.allowedOrigins ? ["--var", `ALLOWED_ORIGINS:${options.allowedOrigins}`] : []),
      ...(options.acceptAdminKeysForMcp === false ? ["--var", "MCP_ACCEPT_ADMIN_KEYS:false"] : []),
      ...persist,
    ],
    { log },
  );
  const stack = {
    simulatorUrl,
    workerUrl,
    apiKey: secrets.apiKey,
    stop: () => Promise.all([stop(worker), stop(simulator)]),
  };
  try {
    await Promise.all([
      waitReady(simulator, `${simulatorUrl}/v1/whoami`),
      waitReady(worker, `${workerUrl}/health`),
    ]);
  } catch (error) {
    await stack.stop();
    throw error;
  }
  return stack;
}

/**
 * Starts one more Worker under `wrangler dev` (an example beside the stack) on a free port, with
 * `vars` as `--var`s and `env` added to wrangler's environment (NODE_EXTRA_CA_CERTS, say);
 * resolves once it answers below 500 on `readyPath`.
 */
export async function startDevWorker({
  name,
  configPath,
  vars = {},
  env = {},
  persistTo,
  readyPath = "/",
  log = false,
}) {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const proc = startWrangler(
    name,
    [
      "-c",
      configPath,
      "--ip",
      "127.0.0.1",
      "--port",
      String(port),
      "--inspector-port",
      String(await freePort()),
      ...Object.entries(vars).flatMap(([key, value]) => ["--var", `${key}:${value}`]),
      ...(persistTo ? ["--persist-to", persistTo] : []),
    ],
    { log, env },
  );
  const worker = { url, stop: () => stop(proc), output: () => proc.output() };
  try {
    await waitReady(proc, `${url}${readyPath}`);
  } catch (error) {
    await worker.stop();
    throw error;
  }
  return worker;
}

/** Creates an integrated account and an MCP server through the admin API. */
/** Calls the admin API with the stack's admin key; a non-2xx answer throws. */
function adminClient(stack) {
  return async (method, pathname, body) => {
    const response = await fetch(`${stack.workerUrl}${pathname}`, {
      method,
      headers: { authorization: `Bearer ${stack.apiKey}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    const json = await response.json();
    if (!response.ok)
      throw new Error(`${method} ${pathname}: ${response.status} ${JSON.stringify(json)}`);
    return json;
  };
}

export async function createDemoServer(
  stack,
  { apiToken, name = "Demo support desk", config = {}, unguarded = false, accountBudget },
) {
  const budget = accountBudget !== undefined ? accountBudget : unguarded ? null : undefined;
  const admin = adminClient(stack);
  const account = await admin("POST", "/api/integrated-account", {
    integration: "edesk",
    name: "Demo eDesk account",
    credentials: { api_token: apiToken },
    // Load generators (bench, soak) repeat one call as fast as they can on purpose: no account
    // budget, no loop guard. They raise the simulator's bucket for the same reason.
    ...(budget !== undefined ? { max_calls_per_minute: budget } : {}),
  });
  const server = await admin("POST", `/api/integrated-account/${account.id}/mcp`, {
    name,
    config: unguarded ? { ...config, loop_guard: false } : config,
  });
  return { account, server };
}

/**
 * What an MCP client gets for a require_api_token_auth server: an mcp-scoped key for one
 * account's servers, never the admin key.
 */
export async function createMcpKey(stack, accountId, name = "Demo MCP client") {
  const created = await adminClient(stack)("POST", "/api/keys", {
    name,
    scope: "mcp",
    account_ids: [accountId],
  });
  return created.key;
}
