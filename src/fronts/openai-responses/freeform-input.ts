/**
 * A freeform tool's input as the model streams it: the model writes `{"input": "<text>"}` in fragments, and this
 * decodes the text as far as it has arrived, so the client sees it grow (`custom_tool_call_input.delta`) rather than
 * all at once at the end. Each fragment is scanned once.
 */
export function createFreeformInput(): { add(fragment: string): string; finish(): string } {
  let json = '';
  let start = -1; // where the text's characters begin in `json`
  let scanned = 0; // `json` up to here is decoded
  let text = '';
  let closed = false;
  return {
    /** Takes a fragment of the arguments; returns the text it completed. */
    add(fragment) {
      json += fragment;
      if (start === -1) {
        const opening = /^\s*\{\s*"input"\s*:\s*"/.exec(json);
        if (opening === null) return '';
        start = scanned = opening[0].length;
      }
      let safe = scanned;
      while (!closed && safe < json.length) {
        const char = json[safe];
        if (char === '"') closed = true;
        else if (char !== '\\') safe += 1;
        else if (json[safe + 1] === 'u' ? safe + 6 <= json.length : safe + 2 <= json.length) safe += json[safe + 1] === 'u' ? 6 : 2;
        else break; // an escape cut in two: wait for its end
      }
      const piece = safe > scanned ? (JSON.parse(`"${json.slice(scanned, safe)}"`) as string) : '';
      scanned = safe;
      text += piece;
      return piece;
    },
    /** The whole input, once the arguments are complete (a model that wrote other JSON gets its `input` field read). */
    finish() {
      try {
        const { input } = JSON.parse(json || '{}') as { input?: unknown };
        return typeof input === 'string' ? input : text;
      } catch {
        return text; // cut off (max tokens): what arrived
      }
    },
  };
}
