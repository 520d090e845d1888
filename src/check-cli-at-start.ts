import type { Backend } from './core/backend.js';
import type { Progress } from './create-progress.js';
import type { Messages } from './locale/messages-en.js';

interface Watched {
  backend: Pick<Backend, 'status' | 'authStatus'>;
  /** Where the CLI was found (locate-cli), shown beside its version. */
  source: string;
  progress: Progress;
  /** Where the hints go (stderr). */
  output: { write(text: string): unknown };
  text: Pick<Messages, 'progress' | 'cli'>;
}

/**
 * For someone watching start-up: does the CLI run, and is it logged in? Each "no" comes with what to do about it, in
 * the operator's language (requests get the English 503 or 401 that /health and the APIs give clients). Neither is a
 * reason not to serve, so nothing here throws; the login is reported when known, maybe after the banner.
 */
export async function checkCliAtStart({ backend, source, progress, output, text }: Watched): Promise<void> {
  const version = await progress
    .step(text.progress.checkCli, () => backend.status().then((s) => (s.available ? `${source}, ${s.version}` : Promise.reject(new Error(s.problem)))), String)
    .catch(() => undefined);
  if (version === undefined) {
    output.write(`${text.cli.installHint}\n`);
    return;
  }
  // In the background: `claude auth status` takes seconds, too long to hold up listening for a hint. Cached, so
  // /v1/auth/status asks no second time.
  void backend.authStatus().then(
    (auth) => auth.loggedIn || output.write(`${text.cli.loginHint}\n`),
    () => undefined,
  );
}
