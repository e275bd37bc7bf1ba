// Diagnostic only: the same two workers started through wrangler's programmatic API with the
// DevTools inspector off and no file watching. Plain `wrangler dev` always attaches its inspector
// and enables the Network domain, so every subrequest a worker makes (a Durable Object stub
// fetch, an upstream fetch) sends four events through wrangler's InspectorProxyWorker to
// wrangler's Node process, which formats and appends each to its debug log file. Production has
// no inspector; this stack shows what the MCP layer costs without that dev-only tax.
//
// Run as a child process (`node quiet-stack.mjs <root> <persistTo> <json options>`) so wrangler's
// Node-side work stays out of the benchmark client's process, like `wrangler dev` does. It prints
// one JSON line `{workerUrl, simulatorUrl}` when ready and exits on SIGTERM or when stdin closes.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const SELF = fileURLToPath(import.meta.url);

/**
 * Starts the quiet stack in a child process; same shape as dev-stack's `startStack`.
 * `workerVars` adds plain-text vars to the worker (e.g. `EDESK_TIMEOUT_MS`). `peerToken` also
 * starts the benchmark's peer (`scripts/bench/peer`), proxying to the same simulator with that
 * eDesk token; its URL is `peerUrl`. `baselineRoot` also starts the worker of another tree (an
 * earlier commit, lib/snapshot.mjs) on the same simulator, with its own state: `baselineUrl`.
 */
export async function startQuietStack({
  root,
  persistTo,
  secrets,
  freePort,
  workerVars = {},
  inspectorPort,
  peerToken,
  baselineRoot,
  timeoutMs = 90_000,
}) {
  const options = {
    simPort: await freePort(),
    workerPort: await freePort(),
    peerPort: peerToken ? await freePort() : undefined,
    peerToken,
    baselinePort: baselineRoot ? await freePort() : undefined,
    baselineRoot,
    secrets,
    workerVars,
    inspectorPort,
  };
  const child = spawn(process.execPath, [SELF, root, persistTo, JSON.stringify(options)], {
    cwd: root,
    env: {
      ...process.env,
      CLOUDFLARE_CF_FETCH_ENABLED: "false",
      WRANGLER_SEND_METRICS: "false",
      WRANGLER_SEND_ERROR_REPORTS: "false",
    },
    stdio: ["pipe", "pipe", "pipe"],
    detached: true,
  });
  let output = "";
  child.stderr.on("data", (chunk) => (output = (output + chunk).slice(-10_000)));
  const stop = () =>
    new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once("exit", resolve);
      try {
        process.kill(-child.pid, "SIGTERM");
      } catch {
        resolve();
      }
      setTimeout(() => {
        try {
          process.kill(-child.pid, "SIGKILL");
        } catch {
          // gone
        }
      }, 5_000).unref();
    });
  const urls = await new Promise((resolve, reject) => {
    let line = "";
    const timer = setTimeout(
      () => reject(new Error(`quiet stack not ready:\n${output}`)),
      timeoutMs,
    );
    child.stdout.on("data", (chunk) => {
      line += chunk;
      const end = line.indexOf("\n");
      if (end >= 0) {
        clearTimeout(timer);
        try {
          resolve(JSON.parse(line.slice(0, end)));
        } catch (error) {
          reject(error);
        }
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`quiet stack exited (${code}):\n${output}`));
    });
  }).catch(async (error) => {
    await stop();
    throw error;
  });
  return { ...urls, apiKey: secrets.apiKey, stop, pid: child.pid };
}

async function main() {
  const [root, persistTo, raw] = process.argv.slice(2);
  const {
    simPort,
    workerPort,
    peerPort,
    peerToken,
    baselinePort,
    baselineRoot,
    secrets,
    workerVars = {},
    inspectorPort,
  } = JSON.parse(raw);
  const require = createRequire(path.join(root, "package.json"));
  const { unstable_startWorker } = require("wrangler");
  const simulatorUrl = `http://127.0.0.1:${simPort}`;
  const workerUrl = `http://127.0.0.1:${workerPort}`;
  const dev = (port, inspector = false) => ({
    inspector,
    watch: false,
    persist: persistTo,
    logLevel: "error",
    server: { hostname: "127.0.0.1", port },
  });
  const text = (value) => ({ type: "plain_text", value });
  const workers = [];
  const shutdown = async () => {
    await Promise.allSettled(workers.map((w) => w.dispose()));
    process.exit(0);
  };
  process.once("SIGTERM", shutdown);
  process.stdin.on("end", shutdown);
  process.stdin.resume();

  const simulator = await unstable_startWorker({
    config: path.join(root, "simulator", "wrangler.toml"),
    bindings: { SIM_CONTROL: text("on") },
    dev: dev(simPort),
  });
  workers.push(simulator);
  await simulator.ready;
  const startProduct = async (tree, port, inspector, state = persistTo) => {
    const url = `http://127.0.0.1:${port}`;
    const started = await unstable_startWorker({
      config: path.join(tree, "wrangler.toml"),
      bindings: {
        EDESK_API_BASE_URL: text(`${simulatorUrl}/v1`),
        API_KEYS: text(secrets.apiKey),
        ENCRYPTION_KEY: text(secrets.encryptionKey),
        PUBLIC_BASE_URL: text(url),
        ...Object.fromEntries(
          Object.entries(workerVars).map(([name, value]) => [name, text(value)]),
        ),
      },
      dev: { ...dev(port, inspector), persist: state },
    });
    workers.push(started);
    await started.ready;
  };
  await startProduct(
    root,
    workerPort,
    inspectorPort ? { hostname: "127.0.0.1", port: inspectorPort } : false,
  );
  // Its own state: the same worker name with the same folder would share Durable Objects.
  if (baselinePort)
    await startProduct(baselineRoot, baselinePort, false, path.join(persistTo, "baseline"));
  let peerUrl;
  if (peerPort) {
    const peer = await unstable_startWorker({
      config: path.join(root, "scripts", "bench", "peer", "wrangler.toml"),
      bindings: {
        EDESK_API_BASE_URL: text(`${simulatorUrl}/v1`),
        EDESK_API_TOKEN: text(peerToken),
      },
      dev: dev(peerPort),
    });
    workers.push(peer);
    await peer.ready;
    peerUrl = `http://127.0.0.1:${peerPort}`;
  }
  const baselineUrl = baselinePort ? `http://127.0.0.1:${baselinePort}` : undefined;
  process.stdout.write(`${JSON.stringify({ workerUrl, simulatorUrl, peerUrl, baselineUrl })}\n`);
}

if (process.argv[1] === SELF) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
