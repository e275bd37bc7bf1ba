// Re-renders BENCHMARKS.md (and re-judges the targets in benchmarks.json) from the last run's
// results, without measuring again: `node scripts/bench/render.mjs`.
import { readFileSync } from "node:fs";
import path from "node:path";
import { ROOT } from "../dev-stack.mjs";
import { writeFormatted } from "./lib/output.mjs";
import { evaluateTargets } from "./lib/targets.mjs";
import { renderMarkdown } from "./report/render.mjs";
import { readSoak } from "../soak/report.mjs";

const report = JSON.parse(readFileSync(path.join(ROOT, "benchmarks.json"), "utf8"));
// The measured results stay as they are; only the judgement against the targets is redone.
report.targets = evaluateTargets(report.results);
await writeFormatted(path.join(ROOT, "benchmarks.json"), JSON.stringify(report, null, 2));
await writeFormatted(path.join(ROOT, "BENCHMARKS.md"), renderMarkdown(report, readSoak(ROOT)));
console.error(`rendered BENCHMARKS.md from the run of ${report.generated_at}`);
