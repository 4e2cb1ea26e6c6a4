// Mocha hooks for a suite that talks to the fakes.
import { FakeProviders, type FakeProvidersOptions } from './fake-providers';

/** Starts a fake before the file's tests, forgets its state after each test, stops it at the end. */
export function useFakeProviders(options?: FakeProvidersOptions): () => FakeProviders {
  let fake: FakeProviders | undefined;
  before(async () => {
    fake = await FakeProviders.start(options);
  });
  afterEach(() => fake?.reset());
  after(async () => {
    await fake?.stop();
  });
  return () => {
    if (!fake) throw new Error('the fake providers are not started');
    return fake;
  };
}
