/** `{ key: value }` when the value is set, else nothing: absent and null both mean "not given". */
export function withValue<K extends string, V>(key: K, value: V | null | undefined): { [P in K]?: V } {
  return value === null || value === undefined ? {} : ({ [key]: value } as { [P in K]: V });
}
