// Reads the user's selection out of a document. Editors and other clients send
// ranges we cannot trust (reversed, past the end, fractional, negative), so every
// position is clamped into the text instead of throwing.
import type { DocumentInput, Position } from '../../../shared/protocol';

export interface DocumentSlices {
  /** Text before the selection (or the cursor). */
  before: string;
  selected: string;
  after: string;
}

/** The document split around its selection; no selection means the cursor at the start. */
export function sliceDocument(document: DocumentInput): DocumentSlices {
  const text = document.text;
  const range = document.selection;
  if (!range) return { before: '', selected: '', after: text };
  const a = offsetOf(text, range.start);
  const b = offsetOf(text, range.end);
  const [start, end] = a <= b ? [a, b] : [b, a];
  return { before: text.slice(0, start), selected: text.slice(start, end), after: text.slice(end) };
}

/** The selected text; '' when there is no selection or it is empty after clamping. */
export function selectedText(document: DocumentInput): string {
  return sliceDocument(document).selected;
}

/** Inline chat in the data means "a request about selected code". */
export function hasSelection(document: DocumentInput | undefined): boolean {
  return document !== undefined && selectedText(document).length > 0;
}

/** Offset of an LSP position (zero-based line, UTF-16 character), clamped into the text. */
function offsetOf(text: string, position: Position): number {
  const targetLine = toIndex(position?.line);
  let lineStart = 0;
  for (let line = 0; line < targetLine; line++) {
    const newline = text.indexOf('\n', lineStart);
    if (newline === -1) return text.length;
    lineStart = newline + 1;
  }
  const lineEnd = text.indexOf('\n', lineStart);
  const lineLength = (lineEnd === -1 ? text.length : lineEnd) - lineStart;
  return lineStart + Math.min(toIndex(position?.character), lineLength);
}

function toIndex(value: unknown): number {
  if (typeof value !== 'number' || Number.isNaN(value) || value <= 0) return 0;
  // +Infinity means "as far as it goes"; the line/character clamps above bound it.
  return Number.isFinite(value) ? Math.floor(value) : Number.MAX_SAFE_INTEGER;
}
