// Namespace and custom tools on `POST /v1/responses`, through the official SDK against both
// wire formats (they were refused with a 400): a namespace's functions are offered to the model
// as `<namespace>__<name>` and its calls come back as function_call items with their own name and
// `namespace` (Codex's sub-agent tools, `multi_agent_v1`); a custom tool (free-text input, e.g.
// Codex's apply_patch) is offered as a function with one string argument, its grammar in the
// description, and its call comes back as a custom_tool_call with that text as `input`, whole
// and streamed. Both round-trip: the caller's call and output items reach the model again under
// the names it was offered.
import assert from 'node:assert/strict';
import OpenAI, { APIError } from 'openai';
import { useGatewayWithOpenAi } from './gateway-fixtures';

const MODELS = ['local/tiny-coder', 'claude/claude-fake'] as const;

const SUB_AGENTS: OpenAI.Responses.NamespaceTool = {
  type: 'namespace',
  name: 'multi_agent_v1',
  description: 'Tools for spawning and managing sub-agents.',
  tools: [
    { type: 'function', name: 'spawn_agent', description: 'Start a sub-agent on a task', strict: false, parameters: { type: 'object', properties: { message: { type: 'string' } }, required: ['message'] } },
    { type: 'function', name: 'close_agent', description: 'Close a sub-agent', strict: false, parameters: { type: 'object', properties: { target: { type: 'string' } }, required: ['target'] } },
  ],
};
const GRAMMAR = 'start: "*** Begin Patch" LF body "*** End Patch"';
const APPLY_PATCH: OpenAI.Responses.CustomTool = { type: 'custom', name: 'apply_patch', description: 'Edit files with a patch', format: { type: 'grammar', syntax: 'lark', definition: GRAMMAR } };
const PATCH = '*** Begin Patch\n*** Add File: hello.txt\n+hello "world"\n*** End Patch';

/** The tools a provider was offered, by name, with their descriptions and argument schemas. */
function offered(body: unknown): Map<string, { description?: string; schema: unknown }> {
  const tools = (body as { tools?: Record<string, any>[] }).tools ?? [];
  return new Map(
    tools.map((t) => (t.function ? [t.function.name, { description: t.function.description, schema: t.function.parameters }] : [t.name, { description: t.description, schema: t.input_schema }])),
  );
}

/** The calls of the assistant turns a provider was sent, as [name, arguments as JSON]. */
function sentCalls(body: unknown): [string, unknown][] {
  const messages = (body as { messages: Record<string, any>[] }).messages;
  return messages.flatMap((m) => [
    ...(m.tool_calls ?? []).map((c: any) => [c.function.name, JSON.parse(c.function.arguments)] as [string, unknown]),
    ...(Array.isArray(m.content) ? m.content.filter((b: any) => b.type === 'tool_use').map((b: any) => [b.name, b.input] as [string, unknown]) : []),
  ]);
}

describe('HTTP gateway: namespace and custom tools on the Responses API (integration)', function () {
  this.timeout(30_000);
  const { fake, openai } = useGatewayWithOpenAi();

  for (const model of MODELS) {
    const modelId = model.split('/')[1];

    for (const stream of [false, true]) {
      it(`offers a namespace's functions to ${model} and answers its call as a function_call in that namespace (${stream ? 'streamed' : 'whole'})`, async () => {
        fake().script({ kind: 'tool-calls', calls: [{ name: 'multi_agent_v1__spawn_agent', arguments: { message: 'count the files' } }] }, { model: modelId });
        const body = { model, input: 'Start a sub-agent to count the files', tools: [SUB_AGENTS] };
        const answer = stream ? await openai().responses.stream(body).finalResponse() : await openai().responses.create(body);

        const tools = offered(fake().requests[0].body);
        assert.deepEqual([...tools.keys()], ['multi_agent_v1__spawn_agent', 'multi_agent_v1__close_agent']);
        assert.match(tools.get('multi_agent_v1__spawn_agent')!.description!, /Start a sub-agent on a task[\s\S]*multi_agent_v1: Tools for spawning/);
        const call = answer.output.find((item) => item.type === 'function_call') as OpenAI.Responses.ResponseFunctionToolCall;
        assert.equal(call.name, 'spawn_agent');
        assert.equal(call.namespace, 'multi_agent_v1');
        assert.deepEqual(JSON.parse(call.arguments), { message: 'count the files' });
      });

      it(`offers a custom tool to ${model} as a function of one string and answers its call as a custom_tool_call with the text as input (${stream ? 'streamed' : 'whole'})`, async () => {
        fake().script({ kind: 'tool-calls', calls: [{ name: 'apply_patch', arguments: { input: PATCH } }] }, { model: modelId });
        const body = { model, input: 'Create hello.txt', tools: [APPLY_PATCH] };
        const events: string[] = [];
        let answer: OpenAI.Responses.Response;
        if (stream) {
          const streamed = openai().responses.stream(body);
          streamed.on('event', (event) => events.push(event.type));
          answer = await streamed.finalResponse();
        } else {
          answer = await openai().responses.create(body);
        }

        const tool = offered(fake().requests[0].body).get('apply_patch');
        assert.deepEqual(tool?.schema, { type: 'object', properties: { input: { type: 'string', description: "The tool's input, as free text" } }, required: ['input'], additionalProperties: false });
        assert.ok(tool?.description?.includes(GRAMMAR), 'the grammar is in the description');
        const call = answer.output.find((item) => item.type === 'custom_tool_call') as OpenAI.Responses.ResponseCustomToolCall;
        assert.equal(call.name, 'apply_patch');
        assert.equal(call.input, PATCH);
        assert.match(call.call_id, /\S/);
        if (stream) assert.deepEqual(events.filter((e) => e.startsWith('response.custom_tool_call_input')), ['response.custom_tool_call_input.delta', 'response.custom_tool_call_input.done']);
      });
    }

    it(`sends a conversation of namespace and custom calls and their outputs back to ${model} under the names it was offered`, async () => {
      const answer = await openai().responses.create({
        model,
        tools: [SUB_AGENTS, APPLY_PATCH],
        input: [
          { role: 'user', content: 'Create hello.txt and start a helper' },
          { type: 'custom_tool_call', call_id: 'call_p', name: 'apply_patch', input: PATCH },
          { type: 'custom_tool_call_output', call_id: 'call_p', output: 'Done: hello.txt added' },
          { type: 'function_call', call_id: 'call_s', name: 'spawn_agent', namespace: 'multi_agent_v1', arguments: '{"message":"check it"}' },
          { type: 'function_call_output', call_id: 'call_s', output: 'agent-1 started' },
        ],
      });
      assert.equal(answer.status, 'completed');
      const sent = fake().requests[0].body;
      assert.deepEqual(sentCalls(sent), [
        ['apply_patch', { input: PATCH }],
        ['multi_agent_v1__spawn_agent', { message: 'check it' }],
      ]);
      assert.match(JSON.stringify(sent), /Done: hello.txt added[\s\S]*agent-1 started/);
    });
  }

  it('forces a custom tool or a namespaced function by tool_choice', async () => {
    fake().script({ kind: 'tool-calls', calls: [{ name: 'apply_patch', arguments: { input: PATCH } }] }, { model: 'tiny-coder' });
    await openai().responses.create({ model: 'local/tiny-coder', input: 'Create hello.txt', tools: [SUB_AGENTS, APPLY_PATCH], tool_choice: { type: 'custom', name: 'apply_patch' } });
    assert.deepEqual((fake().requests[0].body as { tool_choice: unknown }).tool_choice, { type: 'function', function: { name: 'apply_patch' } });
    fake().script({ kind: 'tool-calls', calls: [{ name: 'multi_agent_v1__close_agent' }] }, { model: 'tiny-coder' });
    const choice = { type: 'function', name: 'close_agent', namespace: 'multi_agent_v1' } as OpenAI.Responses.ToolChoiceFunction;
    await openai().responses.create({ model: 'local/tiny-coder', input: 'Close agent-1', tools: [SUB_AGENTS, APPLY_PATCH], tool_choice: choice });
    assert.deepEqual((fake().requests[1].body as { tool_choice: unknown }).tool_choice, { type: 'function', function: { name: 'multi_agent_v1__close_agent' } });
  });

  it("refuses a namespace holding a built-in tool, or a name too long with its namespace, naming the field, before any provider call", async () => {
    const refused = async (tools: unknown[], param: string) => {
      await assert.rejects(openai().responses.create({ model: 'auto', input: 'hi', tools: tools as OpenAI.Responses.Tool[] }), (e: APIError) => e.status === 400 && e.param === param);
    };
    await refused([{ ...SUB_AGENTS, tools: [{ type: 'web_search' }] }], 'tools[0].tools[0].type');
    await refused([{ ...SUB_AGENTS, name: 'n'.repeat(120) }], 'tools[0].tools[0].name');
    await refused([SUB_AGENTS, { type: 'function', name: 'multi_agent_v1__spawn_agent' }], 'tools[1].name');
    assert.equal(fake().requests.length, 0);
  });
});
