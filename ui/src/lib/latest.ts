// Results as you type: each new request supersedes the ones before it, so a slow answer to an
// old query can never overwrite the answer to a newer one.

export function latestOnly<A extends unknown[], T>(fn: (...args: A) => Promise<T>) {
  let counter = 0;
  /** Resolves with the result, or with `undefined` when a newer call was made meanwhile. */
  return async (...args: A): Promise<T | undefined> => {
    const mine = ++counter;
    const result = await fn(...args);
    return mine === counter ? result : undefined;
  };
}
