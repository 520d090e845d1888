import type { Messages } from './messages-en.js';

/** Operator-facing text in Chinese (simplified). Variable names, commands and flags stay as they are typed. */
export const messagesZh: Messages = {
  config: {
    invalid: '配置无效：',
    apiKeysOffLoopback: (host: string) =>
      `HOST=${host} 可被其他机器访问，因此必须设置 API_KEYS：没有密钥时，任何能访问此端口的人都会使用你的 Claude 账号`,
    customNeedsTools: 'TOOL_POLICY=custom 需要允许的工具列表（TOOLS_ALLOW）',
    hostNames: '主机名，不带端口',
    toolRules: '工具名，或形如 Name(pattern) 且不含逗号的规则',
    toolNames: '工具名由字母、数字和 _ 组成，MCP 服务器写作 mcp__<server>__*',
    clientServer: (server: string) => `'${server}' MCP 服务器是网关自己的，用于客户端工具`,
    mcpDenyRule: 'MCP 规则的形式是 mcp__<server> 或 mcp__<server>__<工具名或通配符>',
    mcpAllowRule: 'MCP 允许规则针对整个服务器（mcp__<server>__*）；要隐藏其中某个工具，请用 TOOLS_DENY=mcp__<server>__<tool>',
    mcpNeedsCustom: (policy: string) => `只有在 TOOL_POLICY=custom 且 TOOLS_ALLOW 列出这些服务器（mcp__<server>__*）时才会提供它们的工具，当前为 TOOL_POLICY=${policy}`,
    mcpUnknownServer: (rules: string, file: string, servers: string) => `${rules} 指向 ${file} 中未定义的服务器（其中有 ${servers}）`,
    mcpCopyFailed: (code: string) => `无法写入它的私有副本：${code}`,
    mcpRulesWithoutConfig: (rules: string) => `${rules} 指向 MCP 服务器，但未设置 MCP_CONFIG（定义它们的文件）`,
    bodySize: '大小，例如 512kb 或 20mb',
    redisUrl: 'redis:// 或 rediss:// 开头的 URL',
    atMostOneDay: '最多 86400（一天）',
    modelId: '不是有效的模型 ID',
    aliasForm: (pair: string) => `'${pair}' 不是 alias=model 的形式`,
    aliasModel: (model: string) => `'${model}' 不是有效的模型 ID`,
    locale: 'en 或 zh（zh_CN 等也算 zh）',
  },
  progress: {
    ok: '完成',
    failed: '失败',
    demoUpstream: '正在启动演示上游',
    checkCli: '正在检查 Claude Code CLI',
    warmPool: '正在预热 CLI 进程池',
    poolOff: '已关闭：CLI_POOL_SIZE=0',
    poolStarting: (size: number, model: string) => `${size} 个正在后台为 ${model} 启动`,
  },
  cli: {
    installHint:
      '请安装 Claude Code CLI：在网关目录运行 `npm install`（它自带 @anthropic-ai/claude-code），或运行 `npm install -g @anthropic-ai/claude-code`，或将 CLAUDE_CLI_PATH 指向 `claude` 可执行文件。在此之前，请求会收到 503。',
    loginHint:
      'Claude Code CLI 尚未登录。请以运行网关的用户身份登录 CLI：运行 `claude` 并按 /login 操作，或运行 `claude setup-token`；也可以为网关设置 ANTHROPIC_API_KEY 或 CLAUDE_CODE_OAUTH_TOKEN。在此之前，请求会失败。',
    usageHint: '运行 claude-code-gateway --help 查看选项。',
  },
  banner: {
    listening: (url: string) => `claude-code-gateway 正在监听 ${url}/v1`,
    keyRequired: '需要 API 密钥',
    noKey: '无 API 密钥（仅限本机回环地址）',
    toolPolicy: (mode: string, tools: string) => `工具策略 ${mode}：${tools}`,
    mcpServers: (names: string) => `MCP 服务器 ${names}`,
    noTools: '无工具',
  },
  keyPrompt: {
    question: '未设置 API_KEYS：本机上的任何人都能使用此网关。是否为本次运行用密钥保护它？[Y/n] ',
    no: ['n', 'no', '否', '不'],
    generated: '本次运行的 API 密钥（只显示这一次）：',
    tryIt: '试一试：',
    keepIt: '要在重启后继续使用此密钥，请把它写入 .env：API_KEYS=<密钥>（之后不会再问）。',
    unprotected: '在没有密钥的情况下提供服务：本机上的任何程序都能使用它。',
  },
  help: {
    usage: '用法：claude-code-gateway [选项]',
    about:
      '提供 OpenAI API（chat completions、Responses、embeddings）和 Anthropic Messages API，\n由 Claude 通过 Claude Code CLI 回答（或由配置文件添加的其他模型回答）。',
    options: '选项（每个选项设置其旁边的环境变量，并优先于它）：',
    more: '其他所有设置都是环境变量，或工作目录中 .env 文件的一行：参见 .env.example 和 README。',
    default: (value: string) => `（默认：${value}）`,
    none: '无',
    help: '显示此帮助',
    version: '显示版本',
    flags: {
      host: '监听的网络接口；非回环地址需要 API_KEYS',
      port: '监听的端口；0 表示自动选择空闲端口',
      config: '定义提供方、模型和路由规则的 YAML 或 JSON 文件',
      demo: '通过真实的 CLI，由 127.0.0.1 上的脚本化演示模型回答：无需账号，数据不离开本机',
    },
  },
};
