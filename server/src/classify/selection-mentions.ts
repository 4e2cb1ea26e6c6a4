// Whether a request names something in the code the user selected. "what is acc
// doing on each pass" or "where does item.price come from" says no "this", yet is
// about the selection: it names one of its identifiers. "what's the difference
// between let and const", asked over the same selection, names none of them.
// Keywords of the common languages are left out, so "return" or "function" in a
// general question does not count as naming the selection.

// Enough of a selection to hold the names a question would use; a large paste is not read further.
const MAX_SELECTION_CHARS = 2_000;
const IDENTIFIER = /[A-Za-z_][A-Za-z0-9_]*/g;
// Shorter names ("i", "x", "el") are too often plain words or letters of the prompt.
const MIN_NAME_LENGTH = 3;
const KEYWORDS = new Set(
  (
    'function return const let var if else for while do switch case break continue class extends implements new this self ' +
    'import from export default async await yield try catch finally throw throws def lambda pass none true false null nil ' +
    'undefined public private protected static void int long float double bool boolean string char byte struct enum interface ' +
    'type fn pub mut impl use mod match where select and not the end then elif package func go defer map range chan println ' +
    'print printf console log val fun object override final abstract super sizeof typeof instanceof delete in of is as with'
  ).split(' '),
);

// The last selection read and its names: a chat turn classifies one selection many times over.
let lastSelection = '';
let lastNames = new Set<string>();

/** The identifiers of a selection, lower-cased, without keywords and very short names. */
export function selectionNames(selected: string): Set<string> {
  const text = selected.slice(0, MAX_SELECTION_CHARS);
  if (text === lastSelection) return lastNames;
  const names = new Set<string>();
  for (const match of text.matchAll(IDENTIFIER)) {
    const name = match[0].toLowerCase();
    if (name.length >= MIN_NAME_LENGTH && !KEYWORDS.has(name)) names.add(name);
  }
  lastSelection = text;
  lastNames = names;
  return names;
}

/** True when one of the request's words is an identifier of the selected code. */
export function mentionsSelection(words: readonly string[], selected: string): boolean {
  if (selected === '') return false;
  const names = selectionNames(selected);
  return words.some((word) => names.has(word));
}
