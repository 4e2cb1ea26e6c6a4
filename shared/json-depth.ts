// How deeply a JSON value nests, checked without recursion. The router passes some values
// through to providers as they came (a tool's argument schema, a JSON output schema, a tool
// call's input): serialising one nested thousands of levels deep overflows the stack
// ("Maximum call stack size exceeded"), which failed the request on every model in turn and
// opened their circuit breakers, so one client's bad request kept every other client off
// those models. Such values are refused at validation instead, naming the field.

/** Far deeper than any real schema or tool input (OpenAI's strict schemas stop at 10 levels). */
export const MAX_JSON_DEPTH = 100;

/** True when `value` has objects or arrays nested more than `limit` levels deep. */
export function nestsDeeperThan(value: unknown, limit = MAX_JSON_DEPTH): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const stack: { value: object; depth: number }[] = [{ value, depth: 1 }];
  while (stack.length > 0) {
    const { value: node, depth } = stack.pop()!;
    if (depth > limit) return true;
    for (const child of Array.isArray(node) ? node : Object.values(node)) {
      if (typeof child === 'object' && child !== null) stack.push({ value: child, depth: depth + 1 });
    }
  }
  return false;
}
