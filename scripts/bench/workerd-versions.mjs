// Is the current workerd slower than the one before the toolchain moved to Node 22? Two probes,
// each in interleaved rounds so both sides share the machine's load:
//   1. the stack: this project's simulator and worker under `wrangler dev` of an older wrangler
//      and of ours (a direct simulator GET, the worker's runtime floor, a 2026-07-28 tool call);
//   2. the runtime alone: a trivial worker in each workerd binary, no wrangler or miniflare.
// The older wrangler is installed beside the project, never into it:
//   npm install --prefix /tmp/wrangler-old wrangler@4.86.0
//   OLD_WRANGLER=/tmp/wrangler-old node scripts/bench/workerd-versions.mjs
// Figures are recorded in docs/toolchain.md ("Is the newer workerd slower?").
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { freePort, ROOT } from "../dev-stack.mjs";
import { ratio, summarize } from "./lib/stats.mjs";

const OLD_DIR = process.env.OLD_WRANGLER;
if (!OLD_DIR) {
  console.error("Set OLD_WRANGLER to a folder with an older wrangler installed (see the header).");
  process.exit(2);
}
const ROUNDS = Number(process.env.ROUNDS ?? 300);
const WARMUP = 30;
const sides = {
  old: { modules: path.join(OLD_DIR, "node_modules") },
  new: { modules: path.join(ROOT, "node_modules") },
};
for (const side of Object.values(sides)) {
  side.wrangler = path.join(side.modules, ".bin", "wrangler");
  side.workerd = path.join(side.modules, "@cloudflare", "workerd-linux-64", "bin", "workerd");
  side.version = JSON.parse(
    readFileSync(path.join(side.modules, "workerd", "package.json")),
  ).version;
  // A compatibility date the side's workerd supports: its own build date.
  side.date = side.version.replace(/^1\.(\d{4})(\d{2})(\d{2})\.\d+$/, "$1-$2-$3");
}

const state = mkdtempSync(path.join(tmpdir(), "edesk-mcp-workerd-"));
const children = [];
const env = {
  ...process.env,
  CLOUDFLARE_CF_FETCH_ENABLED: "false",
  WRANGLER_SEND_METRICS: "false",
  WRANGLER_SEND_ERROR_REPORTS: "false",
};

function run(bin, args) {
  const child = spawn(bin, args, {
    cwd: ROOT,
    env,
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let output = "";
  const keep = (chunk) => (output = (output + chunk).slice(-4_000));
  child.stdout.on("data", keep);
  child.stderr.on("data", keep);
  children.push(child);
  return () => output;
}

async function ready(url, output) {
  for (let i = 0; i < 600; i++) {
    try {
      if ((await fetch(url)).status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  throw new Error(`not ready: ${url}\n${output()}`);
}

const apiKey = `dev_${randomBytes(24).toString("base64url")}`;
const encryptionKey = randomBytes(32).toString("base64");

/** Simulator and worker under the side's wrangler, with one account and one MCP server. */
async function startStack(name, side) {
  const [simPort, workerPort] = [await freePort(), await freePort()];
  const common = ["--ip", "127.0.0.1", "--compatibility-date", side.date];
  const persist = (what) => ["--persist-to", path.join(state, `${name}-${what}`)];
  const simulator = `http://127.0.0.1:${simPort}`;
  const worker = `http://127.0.0.1:${workerPort}`;
  const simOut = run(side.wrangler, [
    ...["dev", "-c", "simulator/wrangler.toml", "--port", String(simPort)],
    ...["--inspector-port", String(await freePort()), ...common, ...persist("sim")],
  ]);
  const vars = {
    EDESK_API_BASE_URL: `${simulator}/v1`,
    API_KEYS: apiKey,
    ENCRYPTION_KEY: encryptionKey,
    PUBLIC_BASE_URL: worker,
  };
  const workerOut = run(side.wrangler, [
    ...["dev", "-c", "wrangler.toml", "--port", String(workerPort)],
    ...["--inspector-port", String(await freePort()), ...common, ...persist("worker")],
    ...Object.entries(vars).flatMap(([key, value]) => ["--var", `${key}:${value}`]),
  ]);
  await ready(`${simulator}/v1/whoami`, simOut);
  await ready(`${worker}/health`, workerOut);
  const admin = async (route, body) => {
    const response = await fetch(`${worker}${route}`, {
      method: "POST",
      headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    if (response.status !== 201) throw new Error(`${route}: ${response.status}`);
    return response.json();
  };
  const account = await admin("/api/integrated-account", {
    integration: "edesk",
    name: "Probe",
    credentials: { api_token: "demo-edesk-token" },
    max_calls_per_minute: null,
  });
  const server = await admin(`/api/integrated-account/${account.id}/mcp`, {
    name: "Probe",
    config: { loop_guard: false },
  });
  return { simulator, worker, url: server.url };
}

/** The trivial worker in the side's workerd binary, nothing in front of it. */
async function startRaw(name, side) {
  const port = await freePort();
  writeFileSync(
    path.join(state, "trivial.js"),
    "export default { fetch: () => new Response('ok') };",
  );
  const config = path.join(state, `${name}.capnp`);
  writeFileSync(
    config,
    `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [(name = "main", worker = .trivial)],
  sockets = [(name = "http", address = "127.0.0.1:${port}", http = (), service = "main")],
);
const trivial :Workerd.Worker = (
  modules = [(name = "trivial.js", esModule = embed "trivial.js")],
  compatibilityDate = "${side.date}",
);
`,
  );
  const output = run(side.workerd, ["serve", config]);
  await ready(`http://127.0.0.1:${port}/`, output);
  return `http://127.0.0.1:${port}/`;
}

const envelope = {
  "io.modelcontextprotocol/protocolVersion": "2026-07-28",
  "io.modelcontextprotocol/clientCapabilities": {},
  "io.modelcontextprotocol/clientInfo": { name: "workerd-probe", version: "1" },
};
let id = 0;
const probes = {
  simulator_get: (s) =>
    fetch(`${s.simulator}/v1/tickets/1409923`, {
      headers: { authorization: "Bearer demo-edesk-token" },
    }),
  worker_floor: (s) => fetch(`${s.worker}/api/integrated-account`),
  tool_call: (s) =>
    fetch(s.url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        accept: "application/json, text/event-stream",
        "mcp-protocol-version": "2026-07-28",
        "mcp-method": "tools/call",
        "mcp-name": "get_single_e_desk_ticket_by_id",
      },
      body: JSON.stringify({
        jsonrpc: "2.0",
        id: ++id,
        method: "tools/call",
        params: {
          name: "get_single_e_desk_ticket_by_id",
          arguments: { id: 1409923 },
          _meta: envelope,
        },
      }),
    }),
  raw_runtime: (s) => fetch(s.raw),
};

async function timeOne(probe, target) {
  const start = performance.now();
  const response = await probe(target);
  await response.text();
  if (response.status >= 500) throw new Error(`${response.status} from ${response.url}`);
  return performance.now() - start;
}

try {
  const targets = {};
  for (const [name, side] of Object.entries(sides)) {
    targets[name] = { ...(await startStack(name, side)), raw: await startRaw(name, side) };
  }
  const samples = Object.fromEntries(
    Object.keys(probes).map((p) => [p, { old: [], new: [], paired: [] }]),
  );
  for (let round = 0; round < WARMUP + ROUNDS; round++) {
    for (const [name, probe] of Object.entries(probes)) {
      const order = round % 2 ? ["old", "new"] : ["new", "old"];
      const took = {};
      for (const side of order) took[side] = await timeOne(probe, targets[side]);
      if (round < WARMUP) continue;
      samples[name].old.push(took.old);
      samples[name].new.push(took.new);
      samples[name].paired.push(took.new / took.old);
    }
  }
  console.log(
    `workerd ${sides.old.version} (old) against ${sides.new.version} (new), ${ROUNDS} rounds`,
  );
  for (const [name, s] of Object.entries(samples)) {
    const [o, n, p] = [summarize(s.old), summarize(s.new), summarize(s.paired)];
    console.log(
      `${name.padEnd(14)} old ${o.median} ms (p99 ${o.p99}) | new ${n.median} ms (p99 ${n.p99})` +
        ` | new/old median ${ratio(n.median, o.median)}x, paired ${p.median}x`,
    );
  }
} finally {
  for (const child of children) {
    try {
      process.kill(-child.pid, "SIGKILL");
    } catch {
      // gone
    }
  }
}
