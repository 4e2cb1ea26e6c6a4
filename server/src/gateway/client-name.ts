// Who sent a gateway request, for spend by client: the caller's own `x-llm-router-client`
// header, else its user-agent cut to the product tokens (`OpenAI/JS 6.1.0`,
// `claude-cli/2.0.14`). Bounded and printable, since it lands in the ledger and the dashboard.
import type { IncomingHttpHeaders } from 'node:http';

export const MAX_CLIENT_LENGTH = 64;
/** Product tokens kept from a user-agent: enough for `OpenAI/JS 6.1.0`, not a browser's list. */
const MAX_AGENT_TOKENS = 3;

export function clientName(headers: IncomingHttpHeaders): string | undefined {
  const explicit = printable(firstValue(headers['x-llm-router-client']));
  if (explicit) return bounded(explicit);
  const agent = printable(firstValue(headers['user-agent']));
  if (!agent) return undefined;
  // `(comments)` carry the OS and runtime, not who the client is.
  const product = agent.replace(/\([^)]*\)?/g, ' ').split(/\s+/).filter(Boolean).slice(0, MAX_AGENT_TOKENS).join(' ');
  return product ? bounded(product) : undefined;
}

function firstValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function printable(value: string | undefined): string {
  return (value ?? '').replace(/[^\x20-\x7e]/g, '').replace(/\s+/g, ' ').trim();
}

function bounded(value: string): string {
  return value.length <= MAX_CLIENT_LENGTH ? value : value.slice(0, MAX_CLIENT_LENGTH).trimEnd();
}
