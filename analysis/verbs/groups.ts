/** Grouping rows by a key: the one group-by the verbs share. */

/**
 * The items grouped by `key`, groups in order of first appearance and items in their order within each
 * (so sums over a group run in the same order as a loop over the items would); an item whose key is
 * undefined is left out.
 */
export function groupBy<T, K>(items: Iterable<T>, key: (item: T) => K | undefined): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    if (k === undefined) continue;
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}
