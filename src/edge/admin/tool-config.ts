import { catalogTools } from "../../catalog";
import { describeConfigOptions, validateToolConfig, type ToolConfig } from "../../catalog/select";
import { AppError } from "../../lib/http/errors";
import { toolNames } from "../../engine/tools/toolset";

/**
 * Refuses a config with unknown methods or tags, or one that selects no tool, naming the values
 * that exist so the operator can correct it. Returns the names of the tools it exposes.
 */
export function checkToolConfig(config: ToolConfig): string[] {
  const unknown = validateToolConfig(catalogTools(), config);
  const names = toolNames(config);
  if (unknown.methods.length || unknown.tags.length || names.length === 0) {
    const known = describeConfigOptions(catalogTools());
    const problems = [
      ...unknown.methods.map((m) => ({
        field: "config.methods",
        message: `unknown method '${m}'`,
      })),
      ...unknown.tags.map((t) => ({ field: "config.tags", message: `unknown tag '${t}'` })),
    ];
    throw new AppError(
      400,
      "invalid_request",
      (problems.length
        ? "The config names unknown methods or tags. "
        : "The config matches no tool. ") +
        `Methods that exist: ${known.methods.join(", ")}. Tags that exist: ${known.tags.join(", ")}.`,
      { details: problems.length ? problems : [{ field: "config", message: "matches no tool" }] },
    );
  }
  return names;
}

/** `?methods=read,write&tags=tickets` (comma-separated or repeated) as a tool config. */
export function configFromQuery(url: URL): ToolConfig {
  const values = (name: string) => {
    const all = url.searchParams
      .getAll(name)
      .flatMap((v) => v.split(","))
      .map((v) => v.trim())
      .filter(Boolean);
    return all.length ? all : undefined;
  };
  return { methods: values("methods"), tags: values("tags") };
}
