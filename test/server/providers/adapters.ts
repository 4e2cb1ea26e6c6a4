// The adapters under test, each pointed at the fake speaking its wire format. The OpenAI
// adapter is tried over both of its transports: the raw one (its default) and the SDK.
import { createAnthropicClient } from '../../../server/src/providers/anthropic';
import { createOpenAIClient } from '../../../server/src/providers/openai';
import type { ProviderClient } from '../../../server/src/providers/types';
import type { FakeProviders } from '../../fakes/fake-providers';
import { providerSettings } from './support';

export interface AdapterCase {
  name: 'openai' | 'anthropic';
  /** How the case is named in test titles. */
  label: string;
  create(fake: FakeProviders): ProviderClient;
}

export const ADAPTERS: AdapterCase[] = [
  { name: 'openai', label: 'openai', create: (fake) => createOpenAIClient(providerSettings('openai', fake.openaiUrl)) },
  { name: 'openai', label: 'openai over the SDK', create: (fake) => createOpenAIClient(providerSettings('openai', fake.openaiUrl), 'sdk') },
  { name: 'anthropic', label: 'anthropic', create: (fake) => createAnthropicClient(providerSettings('anthropic', fake.anthropicUrl)) },
];

/** Listing models always goes through the SDKs: one case per adapter. */
export const LISTING_ADAPTERS = ADAPTERS.filter((adapter) => adapter.label === adapter.name);
