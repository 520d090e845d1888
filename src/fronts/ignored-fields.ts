/** Only plain names can go in a header. */
const reportable = /^[A-Za-z0-9_.[\]-]{1,64}$/;
export const isReportable = (name: string) => reportable.test(name);

/**
 * The fields a client sent that the gateway does not apply, for the `x-ignored-params` header: every present field
 * outside `applied`, plus those `alsoIgnored` names (applied fields this request makes moot).
 */
export function ignoredFields(body: Record<string, unknown>, applied: ReadonlySet<string>, alsoIgnored: readonly string[] = []): string[] {
  return Object.keys(body)
    .filter((key) => (!applied.has(key) || alsoIgnored.includes(key)) && body[key] !== null && body[key] !== undefined && reportable.test(key))
    .slice(0, 32);
}
