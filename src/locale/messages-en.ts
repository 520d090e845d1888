/**
 * Operator-facing text in English: the source of the catalog's keys (messages-zh.ts must have exactly these). Only
 * what the person running the gateway reads: API clients' error messages stay English, since SDKs and people search
 * for them.
 */
export const messagesEn = {
  config: {
    invalid: 'Invalid configuration:',
    apiKeysOffLoopback: (host: string) =>
      `HOST=${host} is reachable from other machines, so API_KEYS must be set: without keys anyone who can reach this port would use your Claude account`,
    customNeedsTools: 'TOOL_POLICY=custom needs the list of allowed tools',
    hostNames: 'host names without a port',
    toolRules: 'a tool name or a rule like Name(pattern) without commas',
    toolNames: 'tool names are letters, digits and _, MCP servers mcp__<server>__*',
    clientServer: (server: string) => `the '${server}' MCP server is the gateway's own, for client tools`,
    mcpDenyRule: 'an MCP rule is mcp__<server> or mcp__<server>__<tool or glob>',
    mcpAllowRule: 'an MCP allow rule takes a whole server (mcp__<server>__*); hide single tools of it with TOOLS_DENY=mcp__<server>__<tool>',
    mcpNeedsCustom: (policy: string) => `its servers are offered only with TOOL_POLICY=custom and TOOLS_ALLOW naming them (mcp__<server>__*), not with TOOL_POLICY=${policy}`,
    mcpUnknownServer: (rules: string, file: string, servers: string) => `${rules} name a server ${file} does not define (it has ${servers})`,
    mcpCopyFailed: (code: string) => `cannot write its private copy: ${code}`,
    mcpRulesWithoutConfig: (rules: string) => `${rules} name MCP servers, but MCP_CONFIG (the file defining them) is not set`,
    bodySize: 'a size such as 512kb or 20mb',
    redisUrl: 'a redis:// or rediss:// URL',
    atMostOneDay: 'at most 86400 (one day)',
    modelId: 'not a valid model id',
    aliasForm: (pair: string) => `'${pair}' is not of the form alias=model`,
    aliasModel: (model: string) => `'${model}' is not a valid model id`,
    locale: 'en or zh (zh_CN and the like count as zh)',
  },
  progress: {
    ok: 'ok',
    failed: 'failed',
    demoUpstream: 'Starting the demo upstream',
    checkCli: 'Checking the Claude Code CLI',
    warmPool: 'Warming the CLI pool',
    poolOff: 'off: CLI_POOL_SIZE=0',
    poolStarting: (size: number, model: string) => `${size} starting in the background for ${model}`,
  },
  cli: {
    installHint:
      'Install the Claude Code CLI with `npm install` in the gateway (it bundles @anthropic-ai/claude-code) or `npm install -g @anthropic-ai/claude-code`, or point CLAUDE_CLI_PATH at the `claude` executable. Until then requests get a 503.',
    loginHint:
      'The Claude Code CLI is not logged in. Log it in as the user the gateway runs as: run `claude` and follow /login, or `claude setup-token`; or give the gateway ANTHROPIC_API_KEY or CLAUDE_CODE_OAUTH_TOKEN. Until then requests fail.',
    usageHint: 'Run claude-code-gateway --help for the options.',
  },
  banner: {
    listening: (url: string) => `claude-code-gateway is listening on ${url}/v1`,
    keyRequired: 'API key required',
    noKey: 'no API key (loopback only)',
    toolPolicy: (mode: string, tools: string) => `tool policy ${mode}: ${tools}`,
    mcpServers: (names: string) => `MCP servers ${names}`,
    noTools: 'no tools',
  },
  keyPrompt: {
    question: 'No API_KEYS are set: anyone on this machine can use the gateway. Protect it with a key for this run? [Y/n] ',
    /** Answers that decline (compared lower-cased); Enter or anything else protects: the safe side. */
    no: ['n', 'no'],
    generated: 'API key for this run (shown only once):',
    tryIt: 'Try it:',
    keepIt: 'To keep this key across restarts, add it to .env as API_KEYS=<the key> (then this question is not asked).',
    unprotected: 'Serving without a key: any program on this machine can use it.',
  },
  help: {
    usage: 'Usage: claude-code-gateway [options]',
    about:
      'Serves the OpenAI APIs (chat completions, Responses, embeddings) and the Anthropic Messages API, answered by Claude\nthrough the Claude Code CLI (or by other models a config file adds).',
    options: 'Options (each sets the environment variable beside it, and wins over it):',
    more: 'Every other setting is an environment variable, or a line of a .env file in the working directory: see\n.env.example and the README.',
    /** Follows the flag's text, so it brings its own separator. */
    default: (value: string) => ` (default: ${value})`,
    none: 'none',
    help: 'print this help',
    version: 'print the version',
    flags: {
      host: 'the interface to listen on; anything but loopback needs API_KEYS',
      port: 'the port to listen on; 0 picks a free one',
      config: 'a YAML or JSON file of providers, models and routing rules',
      demo: 'answer from a scripted demo model on 127.0.0.1, through the real CLI: no account, nothing leaves the machine',
    },
  },
};

/** The catalog's shape: every language has exactly these keys, with these parameters. */
export type Messages = typeof messagesEn;
