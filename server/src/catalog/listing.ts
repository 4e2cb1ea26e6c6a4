// The configured models as an editor offers them for picking (VS Code's language model
// provider): limits, capabilities and whether each can be called now. No provider is called.
import type { ModelListing } from '../../../shared/protocol';
import type { ModelInfo } from './types';

/**
 * What the catalog knows a model can do (the price table's flags or the model's settings):
 * tool calling and image input, each absent when nobody says, so the editor decides its default.
 */
export function modelCapabilities(model: ModelInfo): Pick<ModelListing, 'tools' | 'vision'> {
  const tools = model.capabilities?.tools?.supported;
  const vision = model.capabilities?.vision?.supported;
  return { ...(tools === undefined ? {} : { tools }), ...(vision === undefined ? {} : { vision }) };
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
