// `npm run bench:profile`: where the worker's CPU goes in a tool call. Starts the quiet stack
// (inspector-off wrangler, see lib/quiet-stack.mjs) with the worker's DevTools inspector on, takes
// a V8 CPU profile of PROFILE_CALLS sequential `get_single_e_desk_ticket_by_id` calls and
// reports self time by bundled module, by function, and the SDK's zod parsing by its caller; then
// checks the JS heap after full GCs across rounds of calls on open sessions (sections/memory.mjs).
// The sampling profiler slows the isolate several times over: read shares, not absolute times.
// The raw profile is written to a temp folder for Chrome DevTools. PROFILE_ERA=modern profiles
// 2026-07-28 calls instead of calls in a 2025 session.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createDemoServer, devSecrets, freePort, ROOT } from "../dev-stack.mjs";
import { ModernCaller, RawSession } from "./lib/clients.mjs";
import { devtools } from "./lib/devtools.mjs";
import { HUGE_BUCKET, API_TOKEN } from "./lib/plan.mjs";
import { stackProcesses } from "./lib/procs.mjs";
import { startQuietStack } from "./lib/quiet-stack.mjs";
import { runHeapCheck } from "./sections/memory.mjs";
import { TICKET_ID, TOOL } from "./sections/overhead.mjs";

const CALLS = Number(process.env.PROFILE_CALLS ?? 3000);
/** `modern`: profile 2026-07-28 calls instead of calls in a 2025 session. */
const ERA = process.env.PROFILE_ERA === "modern" ? "modern" : "2025";
const SAMPLING_US = 200;

/** `[line, module path]` of each module in the bundle, from esbuild's `// path` comments. */
function moduleIndex(source) {
  const marks = [];
  source.split("\n").forEach((line, index) => {
    const match = /^\/\/ ((?:node_modules|src)\/\S+)$/.exec(line);
    if (match) marks.push([index, match[1]]);
  });
  return (line) => {
    let found = "(bundle)";
    for (let lo = 0, hi = marks.length - 1; lo <= hi; ) {
      const mid = (lo + hi) >> 1;
      if (marks[mid][0] <= line) {
        found = marks[mid][1];
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  };
}

function analyse(profile, moduleAt, calls) {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map();
  for (const node of profile.nodes)
    for (const child of node.children ?? []) parent.set(child, node.id);
  const self = new Map();
  profile.samples.forEach((id, i) =>
    self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i + 1] ?? 0)),
  );
  const group = (node) => {
    const { url, lineNumber, functionName } = node.callFrame;
    if (!url) return functionName.startsWith("(") ? functionName : "(runtime built-ins)";
    if (!url.includes("index.js")) return `runtime ${url.split(":")[0]}`;
    const file = moduleAt(lineNumber);
    const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)\/(.*)/.exec(file);
    if (!pkg) return file;
    return pkg[1].startsWith("@modelcontextprotocol")
      ? `${pkg[1]} ${path.basename(pkg[2])}`
      : pkg[1];
  };
  const label = (node) => `${node.callFrame.functionName || "(anonymous)"} (${group(node)})`;
  let busy = 0;
  const byGroup = new Map();
  const byFunction = new Map();
  const zodByCaller = new Map();
  const add = (map, key, us) => map.set(key, (map.get(key) ?? 0) + us);
  for (const [id, us] of self) {
    const node = nodes.get(id);
    if (node.callFrame.functionName === "(idle)") continue;
    busy += us;
    add(byGroup, group(node), us);
    add(byFunction, label(node), us);
    if (group(node) === "zod") {
      let up = parent.get(id);
      while (
        up !== undefined &&
        /^(zod|@modelcontextprotocol\/sdk zod-compat)/.test(group(nodes.get(up)))
      )
        up = parent.get(up);
      add(zodByCaller, up === undefined ? "(unknown)" : label(nodes.get(up)), us);
    }
  }
  const table = (title, map, top) => {
    console.log(`\n${title}\n${"share".padStart(7)}  ms/call (profiled)`);
    for (const [key, us] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top)) {
      console.log(
        `${((100 * us) / busy).toFixed(1).padStart(6)}%  ${(us / 1000 / calls).toFixed(3).padStart(8)}  ${key}`,
      );
    }
  };
  console.log(
    `\nbusy (non-idle) isolate time per call while profiled: ${(busy / 1000 / calls).toFixed(3)} ms`,
  );
  table("self time by module", byGroup, 25);
  table("self time by function", byFunction, 25);
  table("zod parsing by its first caller outside zod", zodByCaller, 10);
}

async function main() {
  const persist = mkdtempSync(path.join(tmpdir(), "edesk-mcp-profile-"));
  const inspectorPort = await freePort();
  const stack = await startQuietStack({
    root: ROOT,
    persistTo: persist,
    secrets: devSecrets(),
    freePort,
    inspectorPort,
  });
  try {
    await fetch(`${stack.simulatorUrl}/__sim/bucket`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(HUGE_BUCKET),
    });
    const { server } = await createDemoServer(stack, { unguarded: true, apiToken: API_TOKEN });
    let session;
    if (ERA === "modern") session = new ModernCaller(server.url);
    else {
      session = new RawSession(server.url);
      await session.initialize();
    }
    const call = () => session.request("tools/call", { name: TOOL, arguments: { id: TICKET_ID } });
    for (let i = 0; i < 200; i++) await call();

    const inspector = await devtools(inspectorPort);
    await inspector.send("Profiler.enable");
    await inspector.send("Profiler.setSamplingInterval", { interval: SAMPLING_US });
    await inspector.send("Profiler.start");
    for (let i = 0; i < CALLS; i++) await call();
    const { profile } = await inspector.send("Profiler.stop", {}, true);
    await inspector.send("Debugger.enable");
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const bundle = inspector.scripts.find((script) => script.url.endsWith("/index.js"));
    const { scriptSource } = await inspector.send(
      "Debugger.getScriptSource",
      { scriptId: bundle.scriptId },
      true,
    );
    await inspector.send("Debugger.disable");
    const out = mkdtempSync(path.join(tmpdir(), "edesk-mcp-cpuprofile-"));
    writeFileSync(path.join(out, "tool-call.cpuprofile"), JSON.stringify(profile));
    console.log(
      `${CALLS} ${ERA} calls profiled; raw profile: ${path.join(out, "tool-call.cpuprofile")}`,
    );
    analyse(profile, moduleIndex(scriptSource), CALLS);

    const runtime = stackProcesses(stack).find((p) => p.label === "worker runtime workerd");
    const heap = await runHeapCheck({
      workerUrl: stack.workerUrl,
      server,
      inspector,
      runtimePid: runtime?.pid,
    });
    console.log(
      `\nJS heap after a full GC, ${heap.sessions} open sessions, ${heap.calls_per_round} calls per round`,
    );
    for (const sample of heap.samples) {
      console.log(
        `  ${sample.after.padEnd(8)} ${String(sample.calls).padStart(5)} calls, ${String(sample.floors).padStart(5)} 401s: heap ${sample.heap_mib} MiB; runtime workerd RSS ${sample.runtime_rss_mib} MiB`,
      );
    }
    console.log(
      `  RSS growth per 1000 requests after the first pair of rounds: tool calls ${heap.rss_mib_per_1000.calls} MiB, 401s ${heap.rss_mib_per_1000.control} MiB`,
    );
    await inspector.close();
  } finally {
    await stack.stop();
    rmSync(persist, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
