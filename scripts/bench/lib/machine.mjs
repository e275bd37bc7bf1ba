// What the numbers were measured on.
import { readFileSync } from "node:fs";
import { cpus, totalmem, platform, release, arch, loadavg } from "node:os";
import path from "node:path";

function cpuModel() {
  try {
    const line = readFileSync("/proc/cpuinfo", "utf8")
      .split("\n")
      .find((l) => l.startsWith("model name"));
    if (line) return line.split(":")[1].trim();
  } catch {
    // not Linux
  }
  return cpus()[0]?.model ?? "unknown";
}

function versionOf(root, name) {
  try {
    // Read the file itself: some packages' `exports` do not expose package.json.
    const file = path.join(root, "node_modules", ...name.split("/"), "package.json");
    return JSON.parse(readFileSync(file, "utf8")).version;
  } catch {
    return "unknown";
  }
}

export function describeMachine(root) {
  return {
    cpu_model: cpuModel(),
    cores: cpus().length,
    memory_gib: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    os: `${platform()} ${release()} ${arch()}`,
    node: process.version,
    load_average_at_start: loadavg().map((x) => Math.round(x * 100) / 100),
    versions: Object.fromEntries(
      ["wrangler", "workerd", "miniflare", "@modelcontextprotocol/sdk", "agents"].map((n) => [
        n,
        versionOf(root, n),
      ]),
    ),
  };
}
