// The quick-pick rows of "Ask with Model…": each model that could take the request, in the
// router's order (its own choice first), with its estimated cost for this very request.
// Pure (no vscode import) so the unit tests can check exactly what a user is shown.
import type { RouteCandidate, RouteResult } from '../../../shared/protocol';
import { formatUsd } from '../format/money';

/** A `vscode.QuickPickItem` plus the model it stands for (the label is display text only). */
export interface ModelChoice {
  label: string;
  description: string;
  detail?: string;
  /** `providerId/modelId`, exactly as the router named it. */
  model: string;
}

export const ROUTERS_CHOICE = 'router\'s choice';

export function modelChoices(route: Pick<RouteResult, 'candidates'>): ModelChoice[] {
  return route.candidates.map((candidate, index) => {
    const notes = [
      ...(index === 0 ? [ROUTERS_CHOICE] : []),
      ...(candidate.unavailable !== undefined ? [`unavailable now: ${candidate.unavailable}`] : []),
    ];
    return {
      label: plainText(candidate.model),
      description: `${estimateText(candidate.estimatedCostUsd)} · quality ${qualityText(candidate.quality)}`,
      ...(notes.length > 0 ? { detail: plainText(notes.join(' · ')) } : {}),
      model: candidate.model,
    };
  });
}

/**
 * `~$0.0012`; below what four decimals show, `<$0.0001` rather than a misleading `~$0.0000`;
 * `price unknown` when the model has no known price, never $0.
 */
export function estimateText(costUsd: RouteCandidate['estimatedCostUsd']): string {
  if (costUsd === undefined || !Number.isFinite(costUsd)) return 'price unknown';
  const text = formatUsd(costUsd);
  return text.startsWith('<') ? text : `~${text}`;
}

function qualityText(quality: number): string {
  return Number.isFinite(quality) ? quality.toFixed(2) : '?';
}

// The icon syntax quick picks render (`$(name)`, `$(name~spin)`), exactly as VS Code matches it
// (ThemeIcon.iconNameExpression and iconModifierExpression, used by its escapeIcons).
const ICON = /\$\([A-Za-z0-9-]+(?:~[A-Za-z]+)?\)/g;
// Control characters and the bidirectional overrides and isolates that can make a label
// read as something other than what it is.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Text from settings (model ids, reasons naming them) shown as typed: quick picks render
 * `$(name)` as an icon, so it is escaped the way VS Code escapes it (a backslash before it,
 * which the label does not show), and invisible or reordering characters become `\uFFFD`.
 */
export function plainText(text: string): string {
  return text.replace(UNSAFE, '\uFFFD').replace(ICON, (icon) => `\\${icon}`);
}
