import type { Difficulty, DocumentInput, Kind } from '../../../shared/protocol';

export interface ClassifyInput {
  kind?: Kind;
  prompt?: string;
  document?: DocumentInput;
}

export interface Classification {
  kind: Kind;
  /** 0..1; 1 when the caller gave the kind. */
  kindConfidence: number;
  kindSource: 'given' | 'classifier';
  /** The classifier's guess when it was too unsure to act on it: then `kind` is `ask`. */
  unsureOf?: { kind: Kind; confidence: number };
  difficulty: Difficulty;
  /** 0..1, higher is harder; `difficulty` is this score bucketed. */
  difficultyScore: number;
  /** The signals that decided, in words (e.g. "selection: 140 lines"). */
  signals: string[];
}
