// OpenAI's reasoning models (the o-series, gpt-5 and its minis) take only their default
// temperature and answer any other with a 400 naming the `temperature` parameter. The
// router asks for 0 by default, so every request to them would fail and pay a fallback
// model. Which models these are changes with every release and no price table says, so
// the adapter learns it from the provider's own answer: it repeats the call once without
// a temperature and leaves it out for that model from then on.
import { loadedOpenaiSdk } from './load-sdk';
import { WireHttpError } from './raw/wire-errors';

export class FixedTemperatureModels {
  private readonly models = new Set<string>();

  /** Whether requests to this model must leave the temperature out. */
  has(model: string): boolean {
    return this.models.has(model);
  }

  /** Remembers the model when `error` is the provider refusing its temperature; says whether it was. */
  learnFrom(model: string, error: unknown): boolean {
    const sdk = loadedOpenaiSdk();
    const httpError = error instanceof WireHttpError || (sdk !== undefined && error instanceof sdk.APIError);
    const refused = httpError && error.status === 400 && error.param === 'temperature';
    if (refused) this.models.add(model);
    return refused;
  }
}
