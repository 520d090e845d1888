/** One parsed stdout line of the CLI: any JSON object with a string `type`. */
export type CliRecord = { type: string } & Record<string, unknown>;

/** stdout lines → records, leniently: non-JSON noise and objects without a type are skipped (protocol §1.2). */
export async function* decodeRecords(lines: AsyncIterable<string>): AsyncGenerator<CliRecord> {
  for await (const line of lines) {
    if (!line.startsWith('{')) continue;
    try {
      const value: unknown = JSON.parse(line);
      if (typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string') yield value as CliRecord;
    } catch {
      // a partial or garbled line: skip it like any other noise
    }
  }
}
