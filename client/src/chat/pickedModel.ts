// The model picked in the Chat view's picker, as @router's request should use it. Pure.
import { AUTO_ID, VENDOR } from '../lm/modelInformation';

/**
 * The router model to ask for when the picker holds one of LLM Router's own models other
 * than `auto`: a configured model (`provider/model`, forced with fallback), a strategy
 * (`cheap`, `fast`, `best`) or an alias. `auto` and other vendors' models leave the choice
 * to the router.
 */
export function pickedRouterModel(model: { vendor: string; id: string } | undefined): string | undefined {
  if (!model || model.vendor !== VENDOR || model.id === AUTO_ID) return undefined;
  return model.id;
}
