/**
 * Vitest 5 reports failures with Map.groupBy (Node 21+); CI and our machines run Node 20.
 * Imported by the Vitest configs, which run in Vitest's main process.
 */
const MapWithGroupBy = Map as unknown as { groupBy?: unknown };
if (typeof MapWithGroupBy.groupBy !== 'function') {
  MapWithGroupBy.groupBy = function groupBy<K, V>(items: Iterable<V>, key: (item: V, index: number) => K): Map<K, V[]> {
    const out = new Map<K, V[]>();
    let i = 0;
    for (const item of items) {
      const k = key(item, i++);
      const list = out.get(k);
      if (list) list.push(item);
      else out.set(k, [item]);
    }
    return out;
  };
}
const ObjectWithGroupBy = Object as unknown as { groupBy?: unknown };
if (typeof ObjectWithGroupBy.groupBy !== 'function') {
  ObjectWithGroupBy.groupBy = function groupBy<V>(items: Iterable<V>, key: (item: V, index: number) => PropertyKey) {
    const out: Record<PropertyKey, V[]> = Object.create(null);
    let i = 0;
    for (const item of items) (out[key(item, i++)] ??= []).push(item);
    return out;
  };
}
export {};
