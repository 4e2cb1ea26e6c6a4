// Which intent verb a word is a WordNet relative of (a synonym, or a particular way of doing
// it): "elucidate" is a way to explain, "recapitulate" to summarize. Training rows hold only
// some of these words; the class they share lets a word never seen in training lean the way
// its better-known relatives do. The list is derived, and its source and licence recorded,
// by scripts/derive-wordnet-relatives.ts; it holds base forms, so an inflected word is also
// looked up without its ending.
import relatives from './wordnet-relatives.json';

const CLASSES_OF = new Map<string, string[]>();
for (const [intent, words] of Object.entries(relatives.classes as Record<string, string[]>)) {
  for (const word of words) CLASSES_OF.set(word, [...(CLASSES_OF.get(word) ?? []), intent]);
}

/** The classes of a word or a two-word verb ("sum up"), as said or without an inflection. */
export function relativeClasses(word: string): readonly string[] {
  for (const form of baseForms(word)) {
    const classes = CLASSES_OF.get(form);
    if (classes) return classes;
  }
  return [];
}

/** Every class any word (or pair of words, "flesh out") of the request belongs to. */
export function relativeClassesOf(words: readonly string[]): string[] {
  const found = new Set<string>();
  words.forEach((word, i) => {
    for (const intent of relativeClasses(word)) found.add(intent);
    if (i > 0) for (const intent of CLASSES_OF.get(`${words[i - 1]} ${word}`) ?? []) found.add(intent);
  });
  return [...found];
}

// English verb endings, undone: "summarizing" -> "summarize", "clarified" -> "clarify",
// "debugged" -> "debug". Only a form found in the list is used, so a wrong guess costs nothing.
function baseForms(word: string): string[] {
  const forms = [word];
  const stem = (ending: string): string | undefined => (word.length > ending.length + 2 && word.endsWith(ending) ? word.slice(0, -ending.length) : undefined);
  for (const ending of ['ing', 'ed']) {
    const base = stem(ending);
    if (!base) continue;
    forms.push(base, `${base}e`);
    if (base.at(-1) === base.at(-2)) forms.push(base.slice(0, -1));
  }
  const ies = stem('ies');
  if (ies) forms.push(`${ies}y`);
  const ied = stem('ied');
  if (ied) forms.push(`${ied}y`);
  const es = stem('es');
  if (es) forms.push(es);
  const s = stem('s');
  if (s) forms.push(s);
  return forms;
}

const ANCHOR_OF = relatives.anchors as Record<string, string>;
const WORD = /[\p{L}\p{N}_]+/gu;

/**
 * The prompt with each word the model does not know (`knows` false) and that is a WordNet
 * relative of exactly one intent read as that intent's anchor verb: "elucidate this" is
 * scored as "explain this". A word the model knows keeps its own, learned meaning.
 */
export function withUnknownVerbsAsAnchors(prompt: string, knows: (word: string) => boolean): string {
  return prompt.replace(WORD, (said) => {
    const word = said.toLowerCase();
    if (knows(word)) return said;
    const classes = relativeClasses(word);
    return classes.length === 1 ? ANCHOR_OF[classes[0]] ?? said : said;
  });
}
