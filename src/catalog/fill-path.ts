/** Fills `{field}` placeholders of a path with URL-encoded argument values. */
export function fillPath(template: string, args: Record<string, unknown>): string {
  return template.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const value = args[name];
    if (value === undefined || value === null || value === "") {
      throw new Error(`missing path argument "${name}" for ${template}`);
    }
    return encodeURIComponent(String(value));
  });
}
