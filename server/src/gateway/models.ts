// `GET /v1/models`: what a caller may put in `model` — `auto` (let the router choose) or a
// configured `providerId/modelId` (forced; fallback still applies), in OpenAI's list format.
import type { Settings } from '../../../shared/settings';
import { AUTO_MODEL } from './chat-request';

export function modelList(settings: Settings) {
  const entry = (id: string, ownedBy: string) => ({ id, object: 'model' as const, created: 0, owned_by: ownedBy });
  return {
    object: 'list' as const,
    data: [
      entry(AUTO_MODEL, 'llm-router'),
      ...settings.providers.flatMap((p) => p.models.map((m) => entry(`${p.id}/${m.id}`, p.id))),
    ],
  };
}
