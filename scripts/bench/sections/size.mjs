// Section 6: the deployable bundle, as `wrangler deploy --dry-run --outdir` builds it (minified,
// the same flags as `npm run build`), against Cloudflare's Worker size limits.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";

/** Compressed-size limits of a Worker (developers.cloudflare.com/workers/platform/limits). */
export const WORKER_LIMITS_KIB = { free: 3 * 1024, paid: 10 * 1024 };

const kib = (bytes) => Math.round((bytes / 1024) * 10) / 10;

export function runSize({ root }) {
  const outdir = mkdtempSync(path.join(tmpdir(), "edesk-mcp-bench-dist-"));
  try {
    const run = spawnSync(
      process.execPath,
      [
        path.join(root, "node_modules", "wrangler", "bin", "wrangler.js"),
        "deploy",
        "--dry-run",
        "--outdir",
        outdir,
        "--minify",
      ],
      { cwd: root, encoding: "utf8", env: { ...process.env, WRANGLER_SEND_METRICS: "false" } },
    );
    if (run.status !== 0) throw new Error(`wrangler deploy --dry-run: ${run.stderr.slice(-1000)}`);
    // wrangler's own figure is the one Cloudflare checks; the zlib one is a cross-check.
    const reported = /Total Upload: ([\d.]+) KiB \/ gzip: ([\d.]+) KiB/.exec(run.stdout);
    const script = readFileSync(path.join(outdir, "index.js"));
    return {
      wrangler_total_kib: reported ? Number(reported[1]) : null,
      wrangler_gzip_kib: reported ? Number(reported[2]) : null,
      script_kib: kib(script.length),
      script_gzip_kib: kib(gzipSync(script).length),
      files: readdirSync(outdir),
      limits_gzip_kib: WORKER_LIMITS_KIB,
    };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}
