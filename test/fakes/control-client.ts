// Steers a fake running in another process (started with serve.ts) over its control endpoint.
import type { Behaviour, ScriptMatch } from './behaviours';
import type { ControlCommand } from './control';
import type { RecordedRequest } from './fake-providers';

export class FakeControlClient {
  /** `controlUrl` is the `control` field serve.ts prints. */
  constructor(private readonly controlUrl: string) {}

  async script(behaviour: Behaviour, match?: ScriptMatch): Promise<void> {
    await this.send({ action: 'script', behaviour, match });
  }

  async clearScripts(): Promise<void> {
    await this.send({ action: 'clearScripts' });
  }

  async reset(): Promise<void> {
    await this.send({ action: 'reset' });
  }

  async requests(): Promise<RecordedRequest[]> {
    const reply = await this.send({ action: 'requests' });
    return reply.requests ?? [];
  }

  private async send(command: ControlCommand): Promise<{ requests?: RecordedRequest[] }> {
    const response = await fetch(this.controlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(command),
      signal: AbortSignal.timeout(5_000),
    });
    const body = (await response.json()) as { ok: boolean; error?: string; requests?: RecordedRequest[] };
    if (!body.ok) throw new Error(`fake control ${command.action} failed: ${body.error}`);
    return body;
  }
}
