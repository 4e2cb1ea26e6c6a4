// Requests to a gateway at a fixed rate, and what came back, for the chaos scenarios.

export interface Sent {
  status: number;
  ms: number;
  model?: string;
  workspace: string;
}

/** Sends `count` chat requests, one every `intervalMs`, each under its own workspace; resolves when all have settled. */
export async function sendAtRate(url: string, count: number, intervalMs: number, body: Record<string, unknown> = {}): Promise<Sent[]> {
  const pending: Promise<Sent>[] = [];
  for (let i = 0; i < count; i++) {
    pending.push(chat(url, `chaos-${i}`, body));
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  return Promise.all(pending);
}

export async function chat(url: string, workspace: string, body: Record<string, unknown> = {}): Promise<Sent> {
  const started = performance.now();
  try {
    const response = await fetch(`${url}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-llm-router-workspace': workspace },
      body: JSON.stringify({ model: 'auto', messages: [{ role: 'user', content: `question from ${workspace}` }], ...body }),
    });
    await response.arrayBuffer();
    return { status: response.status, ms: performance.now() - started, model: response.headers.get('x-llm-router-model') ?? undefined, workspace };
  } catch {
    return { status: 0, ms: performance.now() - started, workspace };
  }
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

export const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
