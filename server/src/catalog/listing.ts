// The configured models as an editor offers them for picking (VS Code's language model
// provider): limits, capabilities and whether each can be called now. No provider is called.
import type { ModelListing } from '../../../shared/protocol';
import type { ModelInfo } from './types';

/**
 * What the catalog knows a model can do. It does not record tool calling or image input
 * yet, so both stay absent ("not known") and the editor decides its default; once
 * ModelInfo carries them, this is the one place to read them.
 */
export function modelCapabilities(_model: ModelInfo): Pick<ModelListing, 'tools' | 'vision'> {
  return {};
}

export function modelListing(models: readonly ModelInfo[], unavailable: (model: ModelInfo) => string | undefined): ModelListing[] {
  return models.map((model) => {
    const reason = unavailable(model);
    return {
      model: model.ref,
      contextWindow: model.contextWindow,
      maxOutputTokens: model.maxOutputTokens,
      ...modelCapabilities(model),
      ...(reason === undefined ? {} : { unavailable: reason }),
    };
  });
}
