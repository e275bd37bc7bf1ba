// Runs the stack from a copy of the tree taken when the benchmark starts. `wrangler dev` watches
// its sources and reloads the worker when any of them (src/, public/) changes; on a tree others
// are editing, a reload mid-run drops in-memory sessions and puts cold starts into warm figures.
import { cpSync, existsSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";

const COPY = [
  "src",
  "simulator",
  "public",
  "wrangler.toml",
  "package.json",
  "tsconfig.json",
  "scripts/dev-stack.mjs",
  "scripts/bench/peer",
];

/** The commit and the uncommitted changes under the copied paths, for the report. */
export function treeState(root) {
  const git = (...args) =>
    execFileSync("git", args, { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
  try {
    const dirty = git("status", "--porcelain", "--", ...COPY)
      .split("\n")
      .filter(Boolean).length;
    return { commit: git("rev-parse", "--short", "HEAD").trim(), uncommitted_files: dirty };
  } catch {
    return { commit: "unknown", uncommitted_files: null };
  }
}

/**
 * The worker as it was at `commit` (its src, simulator, public files and configs), in a temp
 * folder beside this tree's node_modules; null when git cannot produce it (a shallow clone).
 */
export function snapshotCommit(root, commit) {
  const dir = mkdtempSync(path.join(tmpdir(), "edesk-mcp-bench-baseline-"));
  const paths = COPY.filter((entry) => entry !== "scripts/bench/peer");
  try {
    const sha = execFileSync("git", ["rev-parse", "--short", `${commit}^{commit}`], {
      cwd: root,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    }).trim();
    const archive = execFileSync("git", ["archive", sha, "--", ...paths], {
      cwd: root,
      maxBuffer: 256 * 1024 * 1024,
      stdio: ["ignore", "pipe", "ignore"],
    });
    execFileSync("tar", ["-x", "-C", dir], { input: archive });
  } catch {
    rmSync(dir, { recursive: true, force: true });
    return null;
  }
  symlinkSync(path.join(root, "node_modules"), path.join(dir, "node_modules"), "dir");
  return { dir, commit, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Copies the tree into a temp folder and loads that copy's dev-stack. */
export async function snapshotTree(root) {
  const dir = mkdtempSync(path.join(tmpdir(), "edesk-mcp-bench-tree-"));
  for (const entry of COPY) {
    const from = path.join(root, entry);
    if (existsSync(from)) cpSync(from, path.join(dir, entry), { recursive: true });
  }
  symlinkSync(path.join(root, "node_modules"), path.join(dir, "node_modules"), "dir");
  const devStack = await import(pathToFileURL(path.join(dir, "scripts", "dev-stack.mjs")).href);
  return { dir, devStack, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
