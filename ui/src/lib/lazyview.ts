// Views other than the Library are loaded the first time they are shown: the script the
// window runs before its first paint holds the Library alone (see README, Performance).
import type { Component } from 'svelte';

/** The view `load` fetches, as `{#await}` takes it: a promise the first time, the view itself
 * once loaded (so that coming back to a view draws it at once, without a pending turn). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a view's props are checked where it is used
export function lazyView<V extends Component<any>>(load: () => Promise<{ default: V }>): () => V | Promise<V> {
  let loaded: V | undefined;
  let loading: Promise<V> | undefined;
  return () => loaded ?? (loading ??= load().then((m) => (loaded = m.default)));
}
