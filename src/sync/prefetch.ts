/**
 * Reads one item ahead: the next page is requested from the source while the
 * caller writes the current one. Exactly one request is in flight, so memory
 * stays bounded at two pages per table whatever the table size.
 */
export async function* prefetched<T>(source: AsyncIterable<T>): AsyncGenerator<T, void, undefined> {
  const iterator = source[Symbol.asyncIterator]();
  let pending = iterator.next();
  let finished = false;
  try {
    for (;;) {
      const result = await pending;
      if (result.done) {
        finished = true;
        return;
      }
      pending = iterator.next();
      yield result.value;
    }
  } finally {
    if (!finished) {
      // The consumer stopped early (a write failed): let the read in flight
      // settle quietly, then close the source so it releases its resources.
      await pending.then(
        () => undefined,
        () => undefined,
      );
      await iterator.return?.().catch(() => undefined);
    }
  }
}
