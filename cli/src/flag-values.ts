/** A flag's value as a positive number (`--memory 512`, `--step-timeout 0.5`). */
export function positiveNumber(value: string, flag: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${flag} expects a positive number, got '${value}'`);
  return n;
}

/** A flag's value as an integer of at least `min` (`--max-jobs`, `--pool-size`). */
export function integerAtLeast(value: string, flag: string, min: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min)
    throw new Error(`${flag} expects an integer of at least ${min}, got '${value}'`);
  return n;
}

/** A flag's value as a TCP port; 0 picks a free one. */
export function portNumber(value: string, flag: string): number {
  const n = integerAtLeast(value, flag, 0);
  if (n > 65535) throw new Error(`${flag} expects a port number from 0 to 65535, got '${value}'`);
  return n;
}
