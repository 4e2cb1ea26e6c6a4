// `POST /__control`: lets another process (the router server under test, a VS Code
// end-to-end run) script faults and read what the fake received.
import type { Behaviour, ScriptMatch } from './behaviours';
import type { FakeProviders, RecordedRequest } from './fake-providers';

export const CONTROL_PATH = '/__control';

export type ControlCommand =
  | { action: 'script'; behaviour: Behaviour; match?: ScriptMatch }
  | { action: 'clearScripts' }
  | { action: 'reset' }
  | { action: 'requests' };

export type ControlReply =
  | { status: 200; body: { ok: true; requests?: RecordedRequest[] } }
  | { status: 400; body: { ok: false; error: string } };

const BEHAVIOUR_KINDS = new Set<Behaviour['kind']>([
  'status',
  'hang',
  'reset',
  'malformed',
  'missing-usage',
  'cut',
  'stream-error',
  'slow',
  'reply',
  'refusal',
  'cached-prompt',
  'reasoning',
  'fixed-temperature',
  'truncated',
  'tool-calls',
  'invalid-tool-arguments',
  'usage',
  'endless-line',
  'keep-alive',
]);

export function handleControl(fake: FakeProviders, raw: unknown): ControlReply {
  const command = raw as Partial<ControlCommand> | undefined;
  switch (command?.action) {
    case 'script': {
      const { behaviour, match } = command as { behaviour?: Behaviour; match?: ScriptMatch };
      if (!behaviour || !BEHAVIOUR_KINDS.has(behaviour.kind)) {
        return invalid(`unknown behaviour ${JSON.stringify(behaviour)}`);
      }
      try {
        fake.script(behaviour, match);
      } catch (error) {
        return invalid((error as Error).message);
      }
      return { status: 200, body: { ok: true } };
    }
    case 'clearScripts':
      fake.clearScripts();
      return { status: 200, body: { ok: true } };
    case 'reset':
      fake.reset();
      return { status: 200, body: { ok: true } };
    case 'requests':
      return { status: 200, body: { ok: true, requests: fake.requests } };
    default:
      return invalid('action must be one of script, clearScripts, reset, requests');
  }
}

function invalid(error: string): ControlReply {
  return { status: 400, body: { ok: false, error } };
}
