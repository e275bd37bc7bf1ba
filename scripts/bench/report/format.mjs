// Formatting helpers shared by the report's parts.

export const f = (value, digits = 2) =>
  value === null || value === undefined || Number.isNaN(value)
    ? "n/a"
    : Number(value).toFixed(digits);
export const x = (value) =>
  value === null || value === undefined ? "n/a" : `${Number(value).toFixed(2)}×`;
export const mark = (pass) => (pass ? "**pass**" : "**FAIL**");

export function table(headers, rows) {
  const line = (cells) => `| ${cells.join(" | ")} |`;
  return [line(headers), line(headers.map(() => "---")), ...rows.map(line)].join("\n");
}

export const failed = (section) => !section || section.error;
export const sectionError = (name, section) =>
  `_Section ${name} did not complete: ${(section?.error ?? "not run").split("\n")[0]}_`;

export function cpuTable(cpu, names) {
  const groups = [
    ...new Set(Object.values(cpu.per_request_ms).flatMap((v) => Object.keys(v))),
  ].filter((g) => g !== "total" && g !== "wall_ms_per_op");
  const present = names.filter((n) => cpu.per_request_ms[n]);
  const rows = groups.map((g) => [g, ...present.map((n) => f(cpu.per_request_ms[n][g]))]);
  rows.push(["**total CPU**", ...present.map((n) => `**${f(cpu.per_request_ms[n].total)}**`)]);
  rows.push(["wall per request", ...present.map((n) => f(cpu.per_request_ms[n].wall_ms_per_op))]);
  return table(["CPU ms per request", ...present.map((n) => `\`${n}\``)], rows);
}
