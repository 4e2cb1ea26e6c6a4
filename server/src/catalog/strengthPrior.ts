// A model's code-editing strength (0..1) and typical latency before any request was seen:
// its aider leaderboard result when it has one, otherwise an estimate (see quality.json,
// built by scripts/update-quality.ts, for how the fits were made).
import type { Kind } from '../../../shared/protocol';
import { noEvidence, sourcesByKind } from './kindEvidence';
import { canonicalCandidates } from './modelNames';
import quality from './quality.json';
import type { QualitySnapshot } from './snapshotTypes';

export interface StrengthPrior {
  strength: number;
  /** The refactor board's result on the common scale, when the model was on it. */
  refactorStrength?: number;
  latencyMs: number;
  source: string;
  /** Per kind, the public result behind its quality, or the estimate used for lack of one. */
  sourceByKind: Record<Kind, string>;
}

export interface PriorInput {
  modelId: string;
  /** The price-table key that matched, if any: another spelling of the same model. */
  priceKey?: string;
  outputUsdPerMTok?: number;
  isLocal: boolean;
}

const snapshot = quality as QualitySnapshot;
const benchmarked = new Map(Object.entries(snapshot.models));
const priceFit = snapshot.strengthByLogOutputPrice;

/** Unknown price: assume the slowest tier rather than promise speed nobody measured. */
function latencyForPrice(outputUsdPerMTok: number | undefined): number {
  const tiers = snapshot.latencyByPriceTier;
  if (outputUsdPerMTok === undefined) return Math.max(...tiers.map((tier) => tier.latencyMs));
  const tier = tiers.find((t) => t.belowOutputUsdPerMTok === null || outputUsdPerMTok < t.belowOutputUsdPerMTok);
  return (tier ?? tiers[tiers.length - 1]).latencyMs;
}

/**
 * Price-based estimate: strength = intercept + slope * log10(output USD/MTok), fitted on
 * the priced polyglot models and clamped to the strengths seen in that fit, because a
 * price beyond every benchmarked one says nothing about strength beyond them.
 */
function strengthFromPrice(outputUsdPerMTok: number): number {
  const estimate = priceFit.intercept + priceFit.slope * Math.log10(outputUsdPerMTok);
  return Math.min(priceFit.maxStrength, Math.max(priceFit.minStrength, estimate));
}

function usd(value: number): string {
  return `$${Number(value.toPrecision(3))}`;
}

export function strengthPrior(input: PriorInput): StrengthPrior {
  const names = [...canonicalCandidates(input.modelId), ...(input.priceKey ? canonicalCandidates(input.priceKey) : [])];
  for (const name of names) {
    const model = benchmarked.get(name);
    if (!model) continue;
    const { evidence, ...figures } = model;
    return { ...figures, sourceByKind: sourcesByKind(evidence) };
  }
  const price = input.outputUsdPerMTok;
  if (price !== undefined && price > 0) {
    return {
      strength: strengthFromPrice(price),
      latencyMs: input.isLocal ? snapshot.localModelLatencyMs : latencyForPrice(price),
      source:
        `price-based estimate from ${usd(price)}/MTok output (log-price fit on ${priceFit.samples} ` +
        `aider polyglot models, r=${priceFit.correlation})`,
      sourceByKind: noEvidence(input.modelId, `estimated from its price, ${usd(price)}/MTok output`),
    };
  }
  if (input.isLocal) {
    return {
      strength: snapshot.localModelStrength,
      latencyMs: snapshot.localModelLatencyMs,
      source: "default for a local model not on aider's leaderboards (median of the local models on its edit board)",
      sourceByKind: noEvidence(input.modelId, "assumed typical of local models, the median of those on aider's edit board"),
    };
  }
  return {
    strength: snapshot.unknownModelStrength,
    latencyMs: latencyForPrice(price),
    source: "default for a model with no aider leaderboard result and no usable price (median benchmarked model)",
    sourceByKind: noEvidence(input.modelId, 'a default guess, no price known either: the median benchmarked model'),
  };
}
