/**
 * Which environment variables reach the CLI: the ones it reads itself (credentials, endpoints, Bedrock/Vertex,
 * proxies, locale) and nothing of the gateway's own, so API_KEYS never reaches the child process.
 */
const passPrefixes = ['ANTHROPIC_', 'CLAUDE_CODE_', 'AWS_', 'GOOGLE_', 'CLOUD_ML_', 'VERTEX_REGION_', 'LC_', 'XDG_'];
const passNames = new Set([
  'PATH', 'HOME', 'USER', 'LOGNAME', 'SHELL', 'LANG', 'LANGUAGE', 'TZ', 'TMPDIR',
  'CLAUDE_CONFIG_DIR', 'CLAUDE_STREAM_IDLE_TIMEOUT_MS',
  'HTTP_PROXY', 'HTTPS_PROXY', 'NO_PROXY', 'http_proxy', 'https_proxy', 'no_proxy',
  'NODE_EXTRA_CA_CERTS', 'SSL_CERT_FILE', 'SSL_CERT_DIR',
  'API_TIMEOUT_MS', 'MAX_THINKING_TOKENS', 'MCP_TIMEOUT', 'MCP_TOOL_TIMEOUT',
  'DISABLE_TELEMETRY', 'DISABLE_ERROR_REPORTING', 'DISABLE_AUTOUPDATER',
]);

export function selectCliEnv(env: Readonly<Record<string, string | undefined>>): Record<string, string> {
  const selected: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined) continue;
    if (passNames.has(name) || passPrefixes.some((prefix) => name.startsWith(prefix))) selected[name] = value;
  }
  return selected;
}
