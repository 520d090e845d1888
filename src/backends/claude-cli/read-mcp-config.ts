import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { clientToolsServer } from './client-tools.js';
import { mcpServerName } from './mcp-rules.js';

/** One operator server, as much as the gateway tells about it: never its command, arguments, URL, headers or env. */
export interface OperatorMcpServer {
  name: string;
  transport: 'stdio' | 'http' | 'sse';
}

/** The operator's MCP config file (MCP_CONFIG), as read and checked: what copy-mcp-config hands the CLI. */
export interface CheckedMcpConfig {
  /** The file MCP_CONFIG names, absolute (messages name it). */
  source: string;
  /** Its contents, exactly as checked. */
  text: string;
  servers: readonly OperatorMcpServer[];
}

// Lenient on each server's own fields (the CLI's format grows); strict on what the gateway relies on.
const serverSchema = z.union([
  z.looseObject({ type: z.literal('stdio').optional(), command: z.string().min(1) }),
  z.looseObject({ type: z.enum(['http', 'sse']), url: z.url() }),
]);
const fileSchema = z.looseObject({ mcpServers: z.record(z.string(), serverSchema) });

function nameProblem(name: string): string | undefined {
  if (name.toLowerCase() === clientToolsServer) return `'${clientToolsServer}' is the gateway's own server for client tools`;
  return mcpServerName.test(name) ? undefined : 'server names are letters, digits, hyphens and single underscores (no __)';
}

/** Reads and checks MCP_CONFIG; throws an Error saying what is wrong with it. */
export function readMcpConfig(file: string): CheckedMcpConfig {
  const path = resolve(file);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`${path} is not JSON: ${(error as Error).message}`);
  }
  const parsed = fileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.length > 0 ? issue.path.join('.') : '(file)';
    throw new Error(`${path}: ${where}: ${issue.code === 'invalid_union' ? 'a stdio server needs a command, an http or sse server a url' : issue.message}`);
  }
  const servers = Object.entries(parsed.data.mcpServers).map(([name, server]) => ({ name, transport: server.type ?? 'stdio' }));
  for (const { name } of servers) {
    const problem = nameProblem(name);
    if (problem) throw new Error(`${path}: mcpServers.${name}: ${problem}`);
  }
  if (servers.length === 0) throw new Error(`${path}: mcpServers names no server`);
  return { source: path, text, servers };
}
