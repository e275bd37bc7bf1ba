// CPU time per process of the stack this run started (Linux /proc), to say where the time goes:
// on a shared machine CPU time is steadier than wall time.
import { readdirSync, readFileSync, readlinkSync } from "node:fs";

const TICK_MS = 10; // USER_HZ is 100 on Linux

function stat(pid) {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the parenthesised command name (which may hold spaces).
    const rest = text.slice(text.lastIndexOf(")") + 2).split(" ");
    return { ppid: Number(rest[1]), cpuMs: (Number(rest[11]) + Number(rest[12])) * TICK_MS };
  } catch {
    return null;
  }
}

function cmdline(pid) {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").join(" ");
  } catch {
    return "";
  }
}

/**
 * Which worker a runtime workerd runs, from the Durable Object folders it holds open (miniflare
 * names them `<script name>-<class>`): the quiet stack starts both runtimes from one Node
 * process, so the process tree alone cannot tell them apart.
 */
function sideByOpenFiles(pid) {
  let links = [];
  try {
    links = readdirSync(`/proc/${pid}/fd`).map((fd) => {
      try {
        return readlinkSync(`/proc/${pid}/fd/${fd}`);
      } catch {
        return "";
      }
    });
  } catch {
    return null;
  }
  if (links.some((link) => link.includes("/do/edesk-simulator-"))) return "simulator";
  // Section 8's baseline worker has the product's name and keeps its state under baseline/.
  if (links.some((link) => link.includes("/baseline/") && link.includes("/do/edesk-mcp-")))
    return "baseline";
  if (links.some((link) => link.includes("/do/edesk-mcp-"))) return "worker";
  return null;
}

/**
 * The processes under this one, each labelled `<side> <role>`: side `worker` or `simulator`
 * (by the wrangler config its ancestor runs), role `proxy workerd` (wrangler's ProxyWorker,
 * listening on the public port), `runtime workerd` (the Worker itself) or `wrangler node`.
 */
export function stackProcesses({ workerUrl, simulatorUrl } = {}) {
  const portOf = (url) => (url ? new URL(url).port : undefined);
  const ports = { worker: portOf(workerUrl), simulator: portOf(simulatorUrl) };
  const all = [];
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    const s = stat(name);
    if (s) all.push({ pid: Number(name), ppid: s.ppid });
  }
  const children = new Map();
  for (const p of all) children.set(p.ppid, [...(children.get(p.ppid) ?? []), p.pid]);
  const out = [];
  const walk = (pid, side) => {
    for (const child of children.get(pid) ?? []) {
      const cmd = cmdline(child);
      // The quiet stack runs both workers from one Node process (quiet-stack.mjs).
      let childSide = cmd.includes("simulator/wrangler.toml")
        ? "simulator"
        : cmd.includes("wrangler.toml")
          ? "worker"
          : cmd.includes("quiet-stack.mjs")
            ? "both"
            : side;
      let role = null;
      if (cmd.includes("workerd serve")) {
        role = cmd.includes("entry=127.0.0.1:0 ") ? "runtime workerd" : "proxy workerd";
        for (const [name, port] of Object.entries(ports)) {
          if (port && cmd.includes(`entry=127.0.0.1:${port} `)) childSide = name;
        }
        if (childSide === "both") childSide = sideByOpenFiles(child) ?? "both";
      } else if (cmd.includes("wrangler") || cmd.includes("quiet-stack.mjs"))
        role = "wrangler node";
      if (role && childSide) out.push({ pid: child, label: `${childSide} ${role}` });
      walk(child, childSide);
    }
  };
  walk(process.pid, null);
  return out;
}

/** CPU milliseconds so far of each labelled process group, plus this (client) process. */
export function cpuSnapshot(processes) {
  const groups = {};
  for (const { pid, label } of processes) {
    const s = stat(pid);
    if (s) groups[label] = (groups[label] ?? 0) + s.cpuMs;
  }
  const self = process.cpuUsage();
  groups["bench client (node)"] = (self.user + self.system) / 1000;
  return groups;
}

/** Per-operation CPU milliseconds of each group between two snapshots. */
export function cpuPerOp(before, after, ops) {
  const out = {};
  let total = 0;
  for (const label of Object.keys(after)) {
    const value = (after[label] - (before[label] ?? 0)) / ops;
    out[label] = Math.round(value * 1000) / 1000;
    total += value;
  }
  out.total = Math.round(total * 1000) / 1000;
  return out;
}

/** Resident memory of a process in MiB (`VmRSS` of /proc/<pid>/status), or null if it is gone. */
export function rssMib(pid) {
  try {
    const kb = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
    return kb ? Math.round((Number(kb) / 1024) * 10) / 10 : null;
  } catch {
    return null;
  }
}

/** Resident memory in MiB of each labelled process (labels shared by several are summed). */
export function memorySnapshot(processes) {
  const out = {};
  for (const { pid, label } of processes) {
    const mib = rssMib(pid);
    if (mib !== null) out[label] = Math.round(((out[label] ?? 0) + mib) * 10) / 10;
  }
  return out;
}
