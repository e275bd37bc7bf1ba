// Re-renders BENCHMARKS.md (and re-judges the targets in benchmarks.json) from the last run's
// results, without measuring again: `node scripts/bench/render.mjs`.
import { readFileSync } from "node:fs";
import path from "node:path";
import { REPORTS, writeFormatted } from "./lib/output.mjs";
import { evaluateTargets } from "./lib/targets.mjs";
import { renderMarkdown } from "./report/render.mjs";
import { readSoak } from "../soak/report.mjs";

const report = JSON.parse(readFileSync(path.join(REPORTS, "benchmarks.json"), "utf8"));
// The measured results stay as they are; only the judgement against the targets is redone.
report.targets = evaluateTargets(report.results);
await writeFormatted(path.join(REPORTS, "benchmarks.json"), JSON.stringify(report, null, 2));
await writeFormatted(
  path.join(REPORTS, "BENCHMARKS.md"),
  renderMarkdown(report, readSoak(REPORTS)),
);
console.error(`rendered BENCHMARKS.md from the run of ${report.generated_at}`);
