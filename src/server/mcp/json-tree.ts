/**
 * Whether any object or array in a parsed JSON value passes `test`, given its depth (the value
 * itself is at depth 1). Iterative, so a client's deep nesting cannot overflow the stack.
 */
export function someNode(value: unknown, test: (node: object, depth: number) => boolean): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    if (typeof node !== "object" || node === null) continue;
    if (test(node, depth)) return true;
    for (const child of Object.values(node)) stack.push([child, depth + 1]);
  }
  return false;
}

/** Whether a parsed JSON value nests deeper than `max` levels. */
export const nestsDeeperThan = (value: unknown, max: number): boolean =>
  someNode(value, (_, depth) => depth > max);
