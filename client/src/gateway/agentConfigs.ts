// Ready-to-paste configuration that points common coding agents at the hosted gateway.
// Pure (no vscode import) so every snippet is unit-tested against the URL and token.
// `auto` lets the router choose the model for each request; any `providerId/modelId`
// from GET /v1/models forces one.

export interface GatewayEndpoint {
  /** The OpenAI-style base URL, `http://127.0.0.1:<port>/v1`. */
  url: string;
  token: string;
}

export interface AgentConfig {
  id: string;
  /** What the quick pick shows. */
  label: string;
  /** Where the text goes. */
  detail: string;
  text: string;
}

/** The gateway's origin, without `/v1`: Anthropic's SDK and Claude Code add `/v1/messages` themselves. */
export function gatewayOrigin(url: string): string {
  return url.replace(/\/v1\/?$/, '');
}

export function agentConfigurations({ url, token }: GatewayEndpoint): AgentConfig[] {
  return [
    {
      id: 'openai-env',
      label: 'OpenAI-compatible clients (environment)',
      detail: 'Shell, before starting the tool: Qwen Code, the OpenAI SDKs and most OpenAI-speaking tools read these variables',
      // OPENAI_MODEL too: Qwen Code picks its OpenAI auth only when the model is set, and
      // otherwise stops headless with "No auth type is selected".
      text: [`export OPENAI_BASE_URL=${url}`, `export OPENAI_API_KEY=${token}`, 'export OPENAI_MODEL=auto'].join('\n'),
    },
    {
      id: 'anthropic-env',
      label: 'Claude Code / Anthropic clients (environment)',
      detail: 'Shell, before starting claude: Anthropic-format requests (/v1/messages) with the token as a Bearer token',
      text: [
        `export ANTHROPIC_BASE_URL=${gatewayOrigin(url)}`,
        `export ANTHROPIC_AUTH_TOKEN=${token}`,
        '# or, for clients that send x-api-key instead:',
        `# export ANTHROPIC_API_KEY=${token}`,
      ].join('\n'),
    },
    {
      id: 'continue',
      label: 'Continue (config.yaml)',
      detail: '~/.continue/config.yaml as a whole file; if you have one already, add the entry under its models:',
      // A whole file: Continue (and its CLI, cn) refuses a config.yaml without name and version.
      text: [
        '# ~/.continue/config.yaml: if you have one already, add the entry below to its models: list',
        'name: LLM Router',
        'version: 1.0.0',
        'schema: v1',
        'models:',
        '  - name: LLM Router (auto)',
        '    provider: openai',
        '    model: auto',
        `    apiBase: ${url}`,
        `    apiKey: ${token}`,
        '    roles:',
        '      - chat',
        '      - edit',
        '      - apply',
        // Continue's user-agent is its bundled OpenAI SDK's under a minified name (`ls/JS 5.23.2`): this names it in spend by client.
        '    requestOptions:',
        '      headers:',
        '        x-llm-router-client: continue',
      ].join('\n'),
    },
    {
      id: 'opencode',
      label: 'opencode (opencode.json)',
      // The user's config, not the project's opencode.json: the text holds the token, and a project file gets committed.
      detail: '~/.config/opencode/opencode.json (it holds the token: not the opencode.json of a project you commit); then pick "llm-router/auto"',
      text: JSON.stringify(
        {
          $schema: 'https://opencode.ai/config.json',
          provider: {
            'llm-router': {
              npm: '@ai-sdk/openai-compatible',
              name: 'LLM Router',
              options: { baseURL: url, apiKey: token },
              models: { auto: { name: 'auto (routed by LLM Router)' } },
            },
          },
          model: 'llm-router/auto',
        },
        null,
        2,
      ),
    },
    {
      id: 'codex',
      label: 'Codex CLI (config.toml)',
      // The user's config holds the token, as Continue's and opencode's do.
      detail: '~/.codex/config.toml (it holds the token); if you have one already, put the top lines above its first [table] and add the tables',
      text: [
        '# ~/.codex/config.toml: Codex talks to the gateway with the Responses API',
        'model = "auto"',
        'model_provider = "llm-router"',
        // Codex's built-in web search is a tool the gateway cannot run (a 400); its sub-agent (namespace) and
        // free-text (custom) tools are served as functions.
        'web_search = "disabled"',
        '',
        '[model_providers.llm-router]',
        'name = "LLM Router"',
        `base_url = "${url}"`,
        `experimental_bearer_token = "${token}"`,
        'wire_api = "responses"',
        // Codex's user-agent differs between `codex exec` and its terminal UI: one name for both in spend by client.
        'http_headers = { "x-llm-router-client" = "codex" }',
      ].join('\n'),
    },
    {
      id: 'aider',
      label: 'Aider (command line)',
      detail: 'Shell: aider talks to the gateway as an OpenAI-compatible API',
      text: `aider --openai-api-base ${url} --openai-api-key ${token} --model openai/auto`,
    },
    {
      id: 'cline',
      label: 'Cline / Roo Code (settings)',
      detail: 'The extension’s settings: API Provider "OpenAI Compatible", then these fields',
      text: ['API Provider: OpenAI Compatible', `Base URL: ${url}`, `API Key: ${token}`, 'Model ID: auto'].join('\n'),
    },
  ];
}
