/** How arrays are written in a query string: `a[0]=x` (indices), `a[]=x` (brackets) or `a=x&a=y` (repeat). */
export type ArrayFormat = 'indices' | 'brackets' | 'repeat';

/** qs's RFC 3986 encoding: everything but unreserved characters is percent-encoded. */
function encode(text: string): string {
  return encodeURIComponent(text).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/**
 * Serializes query (or form) parameters the way the `qs` library does for n8n's request helper: nested
 * objects as `a[b]=c`, arrays per `arrayFormat`, `null` as an empty value, `undefined` left out.
 */
export function stringifyQuery(params: Record<string, unknown>, arrayFormat: ArrayFormat): string {
  const pairs: string[] = [];
  const add = (key: string, value: unknown): void => {
    if (value === undefined) return;
    if (value === null) {
      pairs.push(`${encode(key)}=`);
    } else if (Array.isArray(value)) {
      value.forEach((entry, index) => {
        const name =
          arrayFormat === 'repeat' ? key : arrayFormat === 'brackets' ? `${key}[]` : `${key}[${index}]`;
        add(name, entry);
      });
    } else if (value instanceof Date) {
      pairs.push(`${encode(key)}=${encode(value.toISOString())}`);
    } else if (typeof value === 'object') {
      for (const [inner, innerValue] of Object.entries(value)) add(`${key}[${inner}]`, innerValue);
    } else {
      pairs.push(`${encode(key)}=${encode(String(value))}`);
    }
  };
  for (const [key, value] of Object.entries(params)) add(key, value);
  return pairs.join('&');
}

/** The URL with a serialized query appended (after any query it already has, before no fragment). */
export function appendQuery(url: string, query: string): string {
  if (!query) return url;
  const base = url.split('#')[0]!;
  return `${base}${base.includes('?') ? '&' : '?'}${query}`;
}
