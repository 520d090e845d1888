import type { ToolsView } from '../../wire/gateway-views.js';

type BuiltinTool = Pick<ToolsView['builtin'][number], 'name' | 'effect' | 'description'>;

/**
 * The built-in tools of Claude Code 2.1.197, as its upstream requests list them (protocol §5.3; Glob and Grep take
 * Bash's place when it is not offered), each summed up from the description the CLI sends the model.
 */
export const cliBuiltinTools: readonly BuiltinTool[] = [
  { name: 'Agent', effect: 'agent', description: 'Starts a sub-agent with its own tools to carry out a multi-step task.' },
  { name: 'Bash', effect: 'execute', description: "Runs a shell command on the gateway's machine and returns its output." },
  { name: 'CronCreate', effect: 'session', description: 'Schedules a prompt to run later, once or repeatedly.' },
  { name: 'CronDelete', effect: 'session', description: 'Cancels a prompt scheduled with CronCreate.' },
  { name: 'CronList', effect: 'session', description: 'Lists the prompts scheduled with CronCreate.' },
  { name: 'DesignSync', effect: 'web', description: "Reads and updates claude.ai design-system projects through the CLI's claude.ai login." },
  { name: 'Edit', effect: 'write', description: 'Replaces exact strings in a file.' },
  { name: 'EnterWorktree', effect: 'write', description: 'Creates a git worktree and moves the session into it.' },
  { name: 'ExitWorktree', effect: 'write', description: 'Leaves a worktree session for the original directory.' },
  { name: 'Glob', effect: 'read', description: 'Finds files by name pattern.' },
  { name: 'Grep', effect: 'read', description: 'Searches file contents (ripgrep).' },
  { name: 'NotebookEdit', effect: 'write', description: 'Replaces, inserts or deletes a cell of a Jupyter notebook.' },
  { name: 'Read', effect: 'read', description: 'Reads a file: text, images, PDFs, notebooks.' },
  { name: 'ReportFindings', effect: 'session', description: 'Reports code-review findings as a typed list.' },
  { name: 'ScheduleWakeup', effect: 'session', description: 'Schedules when a /loop session resumes.' },
  { name: 'SendMessage', effect: 'agent', description: 'Sends a message to another agent of the session.' },
  { name: 'Skill', effect: 'session', description: 'Runs a skill (the gateway starts the CLI with slash commands off and no settings, so none are installed).' },
  { name: 'TaskCreate', effect: 'session', description: "Adds to the session's task list." },
  { name: 'TaskGet', effect: 'session', description: "Reads a task of the session's task list." },
  { name: 'TaskList', effect: 'session', description: "Lists the session's task list." },
  { name: 'TaskOutput', effect: 'session', description: "Reads a background task's output (deprecated)." },
  { name: 'TaskStop', effect: 'execute', description: 'Stops a background task.' },
  { name: 'TaskUpdate', effect: 'session', description: "Updates a task of the session's task list." },
  { name: 'WebFetch', effect: 'web', description: 'Fetches a URL from the gateway machine and has a small model read it (private addresses refused unless WEBFETCH_ALLOW_PRIVATE).' },
  { name: 'WebSearch', effect: 'web', description: "Searches the web through the Anthropic API's web search." },
  { name: 'Workflow', effect: 'agent', description: 'Runs a workflow script that orchestrates several sub-agents in the background.' },
  { name: 'Write', effect: 'write', description: 'Writes a file.' },
];
