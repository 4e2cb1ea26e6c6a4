// Turns LSP positions into string offsets. LSP characters are UTF-16 code units, as JS
// strings are, so a position maps to an index directly; out-of-range or reversed ranges
// from a careless client are clamped and ordered instead of rejected.
import type { DocumentInput, Position } from '../../../shared/protocol';

export interface DocumentSlices {
  /** Text before the selection (or cursor). */
  before: string;
  selected: string;
  after: string;
  /** Lines spanned by the selection (0 for a bare cursor). */
  selectedLines: number;
}

export function sliceDocument(doc: DocumentInput): DocumentSlices {
  const text = doc.text;
  if (!doc.selection) return { before: '', selected: '', after: text, selectedLines: 0 };
  const lineStarts = lineStartOffsets(text);
  let start = offsetAt(text, lineStarts, doc.selection.start);
  let end = offsetAt(text, lineStarts, doc.selection.end);
  if (end < start) [start, end] = [end, start];
  const selected = text.slice(start, end);
  return {
    before: text.slice(0, start),
    selected,
    after: text.slice(end),
    selectedLines: selected === '' ? 0 : countLines(selected),
  };
}

export function countLines(text: string): number {
  let lines = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lines++;
  return lines;
}

function lineStartOffsets(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

function offsetAt(text: string, lineStarts: number[], pos: Position): number {
  if (pos.line >= lineStarts.length) return text.length;
  const lineStart = lineStarts[pos.line];
  const lineEnd = pos.line + 1 < lineStarts.length ? lineStarts[pos.line + 1] - 1 : text.length;
  return Math.min(lineStart + pos.character, lineEnd);
}
