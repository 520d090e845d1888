import { offeredClientTools, toolChoiceInstruction } from '../../../src/backends/claude-cli/client-tools.js';

const tool = (name: string) => ({ name, description: undefined, inputSchema: { type: 'object' } });
const tools = [tool('get_weather'), tool('get_time')];

describe('client tools and tool_choice (the CLI has no tool_choice)', () => {
  test('none offers no tools; a named tool is offered alone; auto and required offer all', () => {
    expect(offeredClientTools({ tools, toolChoice: { type: 'none' } })).toEqual([]);
    expect(offeredClientTools({ tools, toolChoice: { type: 'tool', name: 'get_time' } })).toEqual([tool('get_time')]);
    expect(offeredClientTools({ tools, toolChoice: { type: 'auto' } })).toEqual(tools);
    expect(offeredClientTools({ tools, toolChoice: { type: 'required' } })).toEqual(tools);
  });

  test('required and a named tool become an instruction to the model', () => {
    expect(toolChoiceInstruction({ type: 'required' })).toMatch(/must call at least one/);
    expect(toolChoiceInstruction({ type: 'tool', name: 'get_time' })).toMatch(/`get_time`/);
    expect(toolChoiceInstruction({ type: 'auto' })).toBeUndefined();
  });
});
