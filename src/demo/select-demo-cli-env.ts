/** What the CLI keeps of the configured environment in demo mode: finding programs, locale and time, nothing else. */
const kept = ['PATH', 'LANG', 'LANGUAGE', 'TZ', 'TMPDIR'];

/**
 * The CLI's environment in demo mode: the demo upstream as its API, with a key that is not one, and a HOME of its
 * own. Every credential and endpoint the user has (ANTHROPIC_*, an OAuth token, Bedrock or Vertex settings,
 * proxies, CLAUDE_CONFIG_DIR and the login under the real HOME) is left out, so that nothing reaches Anthropic or
 * anyone else, and the CLI's side traffic (telemetry, error reports, updates) is switched off.
 */
export function selectDemoCliEnv(cliEnv: Readonly<Record<string, string>>, upstreamUrl: string, home: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const name of kept) if (cliEnv[name] !== undefined) env[name] = cliEnv[name];
  for (const [name, value] of Object.entries(cliEnv)) if (name.startsWith('LC_')) env[name] = value;
  return {
    ...env,
    HOME: home,
    ANTHROPIC_BASE_URL: upstreamUrl,
    ANTHROPIC_API_KEY: 'demo-key-not-a-secret',
    CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
    DISABLE_TELEMETRY: '1',
    DISABLE_ERROR_REPORTING: '1',
    DISABLE_AUTOUPDATER: '1',
  };
}
