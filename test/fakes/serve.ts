// Runs the fake providers standalone until killed:
//   node --import tsx test/fakes/serve.ts [--port 0] [--delay-ms N] [--chunk-delay-ms N]
//     [--openai-models a,b] [--anthropic-models c]   (what GET /v1/models lists)
// and prints one JSON line with the base URLs, for a parent process to read.
import { parseArgs } from 'node:util';
import { FakeProviders } from './fake-providers';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '0' },
      'delay-ms': { type: 'string', default: '0' },
      'chunk-delay-ms': { type: 'string', default: '0' },
      'openai-models': { type: 'string' },
      'anthropic-models': { type: 'string' },
    },
  });
  const list = (text: string | undefined) => (text === undefined ? undefined : text.split(',').filter((id) => id !== ''));
  const fake = await FakeProviders.start({
    port: nonNegativeInt('port', values.port),
    delayMs: nonNegativeInt('delay-ms', values['delay-ms']),
    chunkDelayMs: nonNegativeInt('chunk-delay-ms', values['chunk-delay-ms']),
    listedModels: { openai: list(values['openai-models']), anthropic: list(values['anthropic-models']) },
  });
  process.stdout.write(
    `${JSON.stringify({ openai: fake.openaiUrl, anthropic: fake.anthropicUrl, control: fake.controlUrl })}\n`,
  );
  const shutdown = () => void fake.stop().then(() => process.exit(0));
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}

function nonNegativeInt(name: string, text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0) throw new Error(`--${name} must be a whole number >= 0, got "${text}"`);
  return value;
}

main().catch((error: unknown) => {
  process.stderr.write(`fake providers: ${(error as Error).message}\n`);
  process.exit(1);
});
