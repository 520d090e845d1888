/** Whole seconds, at least 1, until `time` (a rate-limit window's reset): what a Retry-After header says. */
export function secondsUntil(time: Date | undefined, fallbackSeconds: number): number {
  return time ? Math.max(1, Math.ceil((time.getTime() - Date.now()) / 1000)) : fallbackSeconds;
}
