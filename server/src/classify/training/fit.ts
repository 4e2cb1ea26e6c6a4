// Fits the kind model on labelled rows and produces the model.json contents.
// The saved model is pruned and rounded, and cross-validation scores that saved
// form, so the reported accuracy is the accuracy of what actually ships.
import { KINDS, type Kind } from '../../../../shared/protocol';
import { isCharNgram, isSelectionFeature, kindFeatures, promptWords } from '../features';
import { openingWord, opensWithAction } from '../opening';
import { nearestWords } from '../word-vectors';
import { modelFeatures } from '../model-features';
import { classProbabilities, kindProbabilities, loadKindModel, type SavedKindModel } from '../model-format';
import { toInput, type IntentRow } from './dataset';
import { trainSoftmax, type Example } from './train-softmax';
import { trainNetwork } from './train-network';
import type { SavedNetwork } from '../model-format';

export interface Hyperparameters {
  l2: number;
  /** Features seen in fewer training rows are dropped: they cannot generalise. */
  minRows: number;
  /**
   * Weight each class's loss by (1/frequency)^balance: 0 leaves the majority
   * class in charge, 1 makes every class count equally, 0.5 is in between.
   */
  balance: number;
  /**
   * Learn the five kinds directly, or the upstream intents (tests, new, github...)
   * and add up their probabilities per kind: a kind like "ask" mixes very different
   * requests, which a linear model separates better one intent at a time.
   */
  target: 'kind' | 'intent';
  /** Also learn from panel copies of inline rows whose intent exists in both chats (see MIRRORED_INTENTS). */
  mirrorToPanel: boolean;
  /**
   * Loss weight of each authored row (data/authored-requests) relative to an
   * upstream row; 0 leaves them out. Below 1 lets the real requests' wording lead.
   */
  authoredWeight: number;
  /** Dropout training of the linear part (train-softmax.ts `dropout`); 0 or absent: none. */
  dropout?: number;
  /**
   * L2 multiplier for the features that, between them, fire on every request at a
   * location whatever its words (SELECTION_FEATURES): the selection's own say. Absent: 1.
   */
  selectionL2?: number;
  /**
   * L2 multiplier for the char n-gram features (`c:`): they are there to match typos, and
   * under dropout they learned to lean a request by any word's spelling. Absent: 1.
   */
  charL2?: number;
  /**
   * Read a word the fitted model never learned, when it is a WordNet relative of one intent
   * verb, as that verb (model-features.ts). Off in the shipped model: it did not beat main by
   * cross-validation (data/authored-requests/README.md, round 10).
   */
  unknownVerbsAsAnchors?: boolean;
  /**
   * Read a word the fitted model never learned as its nearest learned word in the word vectors
   * when their cosine is at least this (nearest-word.ts); absent: off. Off in the shipped model:
   * it did not beat main by cross-validation (data/authored-requests/README.md, round 11).
   */
  unknownWordsAsNearest?: number;
  /**
   * Also learn from copies of each row with its opening word replaced by its nearest words in
   * the word vectors (at `minCosine` or more, up to `count`), each at `weight` x the row's:
   * the model then learns the words near the ones training says. Off: it lowered
   * cross-validated accuracy (data/authored-requests/README.md, round 11).
   */
  vectorAugment?: { minCosine: number; count: number; weight: number };
  /**
   * Hidden units of the network part (network.ts) averaged with the linear one; 0 or
   * absent: linear only. With `networkEpochs`, `networkL2` and `linearShare`.
   */
  hidden?: number;
  networkEpochs?: number;
  networkL2?: number;
  /** The linear part's share of the averaged probabilities. */
  linearShare?: number;
}

// Copilot's side chat has the explain, fix and tests intents too (SOURCE.txt
// lists them for panel-chat.json), and their wording means the same there; but
// nearly all training examples of them are inline. Copying those rows to the
// panel keeps the model from learning "side chat means a question" for them.
const MIRRORED_INTENTS = new Set(['explain', 'fix', 'tests']);

interface WeightedRow {
  row: IntentRow;
  weight: number;
}

function withPanelMirrors(rows: readonly WeightedRow[]): WeightedRow[] {
  const mirrors = rows.filter(
    ({ row }) => row.location === 'inline' && MIRRORED_INTENTS.has(row.intent) && opensWithAction(promptWords(row.request)),
  );
  return [...rows, ...mirrors.map(({ row, weight }): WeightedRow => ({ row: { ...row, location: 'panel' }, weight }))];
}

function withNeighbourOpenings(rows: readonly WeightedRow[], augment: NonNullable<Hyperparameters['vectorAugment']>): WeightedRow[] {
  return rows.flatMap(({ row, weight }) => {
    const words = promptWords(row.request);
    const opening = openingWord(words);
    if (opening === undefined) return [];
    const at = words.indexOf(opening);
    return nearestWords(opening)
      .filter((neighbour) => neighbour.cosine >= augment.minCosine)
      .slice(0, augment.count)
      .map((neighbour) => ({
        row: { ...row, request: [...words.slice(0, at), neighbour.word, ...words.slice(at + 1)].join(' ') },
        weight: weight * augment.weight,
      }));
  });
}

const EPOCHS = 300;
const LEARNING_RATE = 0.5;
// Weights this close to zero change no prediction; dropping them (whole features,
// and single weights written as 0) keeps model.json small. 0.02 rather than 0.01:
// with 2,165 rows the 0.01 model grew past 500 KB (512 KB, 9,152 features) and
// 0.02 cut it to 408 KB for 0.09 points of cross-validated accuracy (two shuffles,
// 92.42% -> 92.33%, well inside one standard error).
const MIN_KEPT_WEIGHT = 0.02;

/** Fits on the upstream training rows plus, weighted by `hyper.authoredWeight`, the authored ones. */
export function fitKindModel(original: readonly IntentRow[], hyper: Hyperparameters, authored: readonly IntentRow[] = []): SavedKindModel {
  const weighted = [
    ...original.map((row) => ({ row, weight: 1 })),
    ...(hyper.authoredWeight > 0 ? authored.map((row) => ({ row, weight: hyper.authoredWeight })) : []),
  ];
  const mirrored = hyper.mirrorToPanel ? withPanelMirrors(weighted) : weighted;
  const rows = hyper.vectorAugment ? [...mirrored, ...withNeighbourOpenings(mirrored, hyper.vectorAugment)] : mirrored;
  const classOf = ({ row }: WeightedRow): string => (hyper.target === 'kind' ? row.kind : row.intent);
  const classes = [...new Set(rows.map(classOf))].sort();
  const classKinds = classes.map((name) => rows.find((row) => classOf(row) === name)?.row.kind ?? 'ask');
  const examples = rows.map(
    (row): Example => ({ features: kindFeatures(toInput(row.row)), label: classes.indexOf(classOf(row)), weight: row.weight }),
  );
  const frequent = frequentFeatures(examples, hyper.minRows);
  const kept = examples.map((example) => ({
    ...example,
    features: new Map([...example.features].filter(([name]) => frequent.has(name))),
  }));
  const classWeights = balancedWeights(kept, classes.length, hyper.balance);
  const linear = trainSoftmax(kept, {
    classCount: classes.length, l2: hyper.l2, epochs: EPOCHS, learningRate: LEARNING_RATE, classWeights, dropout: hyper.dropout,
    l2Scale: (name) => (isSelectionFeature(name) ? (hyper.selectionL2 ?? 1) : isCharNgram(name) ? (hyper.charL2 ?? 1) : 1),
  });
  const network = hyper.hidden ? fitNetwork(kept, classes.length, classWeights, hyper) : undefined;
  const features: string[] = [];
  const weights: number[][] = [];
  for (const [name, row] of [...linear.weights].sort(([a], [b]) => a.localeCompare(b))) {
    if (Math.max(...row.map(Math.abs)) < MIN_KEPT_WEIGHT) continue;
    features.push(name);
    weights.push(row.map((weight) => (Math.abs(weight) < MIN_KEPT_WEIGHT ? 0 : stored(weight))));
  }
  return {
    classes,
    classKinds,
    bias: linear.bias.map(round),
    features,
    weights,
    weightScale: WEIGHT_SCALE,
    ...(network ? { network } : {}),
    about: {
      trainedOn:
        hyper.authoredWeight > 0 && authored.length > 0
          ? 'data/copilot-chat-intents/train.jsonl + data/authored-requests/*.jsonl'
          : 'data/copilot-chat-intents/train.jsonl',
      rows: original.length,
      authoredRows: hyper.authoredWeight > 0 ? authored.length : 0,
      ...hyper,
      epochs: EPOCHS,
    },
  };
}

const NETWORK_LEARNING_RATE = 0.01;
// Any seed: fixed so that the same rows give the same model.json.
const NETWORK_SEED = 1;

function fitNetwork(examples: readonly Example[], classCount: number, classWeights: number[], hyper: Hyperparameters): SavedNetwork {
  const trained = trainNetwork(examples, {
    classCount,
    hidden: hyper.hidden ?? 0,
    epochs: hyper.networkEpochs ?? 40,
    learningRate: NETWORK_LEARNING_RATE,
    l2: hyper.networkL2 ?? 1e-4,
    classWeights,
    seed: NETWORK_SEED,
  });
  const features: string[] = [];
  const input: number[][] = [];
  for (const [name, row] of [...trained.input].sort(([a], [b]) => a.localeCompare(b))) {
    if (Math.max(...row.map(Math.abs)) < MIN_KEPT_WEIGHT) continue;
    features.push(name);
    input.push(row.map((weight) => (Math.abs(weight) < MIN_KEPT_WEIGHT ? 0 : stored(weight))));
  }
  return {
    linearShare: hyper.linearShare ?? 0.5,
    features,
    input,
    hiddenBias: trained.hiddenBias.map(round),
    output: trained.output.map((row) => row.map(stored)),
    outputBias: trained.outputBias.map(round),
  };
}

/** The saved model as a function, for scoring held-out rows during cross-validation. */
export function predictorOf(saved: SavedKindModel): (row: IntentRow) => Kind {
  const model = loadKindModel(saved);
  return (row) => {
    const probabilities = kindProbabilities(model, classProbabilities(model, modelFeatures(model, toInput(row))));
    return KINDS.reduce((best, kind) => (probabilities[kind] > probabilities[best] ? kind : best));
  };
}

function frequentFeatures(examples: readonly Example[], minRows: number): Set<string> {
  const rowsWith = new Map<string, number>();
  for (const example of examples) {
    for (const name of example.features.keys()) rowsWith.set(name, (rowsWith.get(name) ?? 0) + 1);
  }
  return new Set([...rowsWith].filter(([, count]) => count >= minRows).map(([name]) => name));
}

/** Class weights from each class's share of the total example weight. */
function balancedWeights(examples: readonly Example[], classCount: number, balance: number): number[] {
  const mass = new Array<number>(classCount).fill(0);
  for (const example of examples) mass[example.label] += example.weight ?? 1;
  const total = mass.reduce((sum, m) => sum + m, 0);
  const present = mass.filter((m) => m > 0).length;
  return mass.map((m) => (m === 0 ? 0 : (total / (present * m)) ** balance));
}

// Two decimals: the weights run to several units, so a hundredth changes no
// prediction, and the third decimal cost model.json a fifth of its size.
function round(value: number): number {
  return Math.round(value * 100) / 100;
}

// Weights are saved as whole hundredths (model-format.ts `weightScale`): the same two
// decimals as round(), in fewer characters.
const WEIGHT_SCALE = 100;

function stored(weight: number): number {
  return Math.round(weight * WEIGHT_SCALE);
}
