/** `15s`, `500ms`, `2m`, `1h` or a number of seconds, in milliseconds. */
export function parseDuration(text: string, flag: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(text.trim());
  if (!match) throw new Error(`${flag} expects a duration like 15s, 500ms or 2m, got '${text}'`);
  const unit = match[2] ?? 's';
  return Number(match[1]) * { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[unit]!;
}
