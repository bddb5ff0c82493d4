/** A short random id, unique enough for nodes, edges and rules inside one flow. */
export function newId(prefix: string): string {
  return `${prefix}-${crypto.randomUUID().slice(0, 8)}`;
}
