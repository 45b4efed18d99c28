/**
 * A dependency loaded on first use. Every runner process loads the whole node library; the heavy parsers of a few
 * nodes (spreadsheets, HTML, Markdown, HTTP) would otherwise cost each of them tens of MiB they rarely need.
 * `load()` in the node's (async) execute, then `get()` in the synchronous code below it.
 */
export function lazyModule<T>(load: () => Promise<T>): { load(): Promise<T>; get(): T } {
  let loaded: T | undefined;
  let pending: Promise<T> | undefined;
  return {
    load: () => (pending ??= load().then((module) => (loaded = module))),
    get: () => {
      if (loaded === undefined) throw new Error('a lazily loaded module was used before load() finished');
      return loaded;
    },
  };
}
