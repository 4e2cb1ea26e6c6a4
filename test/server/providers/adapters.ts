// The adapters under test, each pointed at the fake speaking its wire format.
import { createAnthropicClient } from '../../../server/src/providers/anthropic';
import { createOpenAIClient } from '../../../server/src/providers/openai';
import type { ProviderClient } from '../../../server/src/providers/types';
import type { FakeProviders } from '../../fakes/fake-providers';
import { providerSettings } from './support';

export interface AdapterCase {
  name: 'openai' | 'anthropic';
  create(fake: FakeProviders): ProviderClient;
}

export const ADAPTERS: AdapterCase[] = [
  { name: 'openai', create: (fake) => createOpenAIClient(providerSettings('openai', fake.openaiUrl)) },
  { name: 'anthropic', create: (fake) => createAnthropicClient(providerSettings('anthropic', fake.anthropicUrl)) },
];
