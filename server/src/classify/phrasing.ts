// What the shape of a request says beyond its opening word (opening.ts). Three
// patterns developers use all the time, each read from the words alone:
// - a bare description of a thing to build ("flutter app that is a calculator",
//   ".net 8 web app") is a request for a new project, though it has no verb;
// - an order may follow a sentence of context ("the image repeats. fix it so ...");
// - a verb aimed at "this"/"it" ("make this bold", "put this in a useMemo", "fix it")
//   changes code that already exists rather than writing new code.
import { LEXICONS } from './lexicons';
import { openingLexicons } from './opening';

// Words that may stand before the noun in a description of a project: articles,
// sizes, numbers and versions, platforms and stacks ("a small .net 8 web app").
const PROJECT_MODIFIER =
  /^(a|an|the|and|my|new|simple|small|basic|minimal|sample|full|complete|fullstack|web|mobile|static|single|page|rest|restful|console|desktop|native|cross|platform|vscode|vs|code|chrome|multiplayer|online|offline|realtime|\d+|v\d+|\d+d)$/;
// Words of no list that may still stand before the noun, once: the thing's own name or
// subject ("snake game", "pomodoro timer web app", "breakout clone"). More than this and
// the noun is part of a longer sentence, not the head of a description.
const MAX_FREE_MODIFIERS = 2;
// Lexicons whose words make the opening a sentence (an order, a question, a pointer), not a name.
const SENTENCE_LEXICONS = ['create', 'change', 'fix', 'explain', 'summarize', 'doc', 'question', 'deictic', 'operation', 'test'];
// How far into the request the project noun may sit and still head it.
const MAX_PROJECT_MODIFIERS = 4;
// After the noun, these open a description of the thing wanted ("app that ...", "project to deploy ...").
const DESCRIPTION_LINK = /^(that|which|who|where|to|for|with|in|using|and)$/;
// ... and these make the noun the subject of a statement ("webapp deploy is not working").
const PREDICATE =
  /^(is|are|was|were|does|do|did|has|have|not|isn|doesn|don|can|cannot|will|won|should|keeps|fails|throws|shows|crashes|gets|gives|returns|stopped|stops|hangs|loads|renders|never|still)$/;
const PREDICATE_WINDOW = 2;

/** True when the request starts with a noun phrase headed by a project word: it describes a thing to build. */
export function describesProject(words: readonly string[]): boolean {
  let free = 0;
  for (let i = 0; i < Math.min(words.length, MAX_PROJECT_MODIFIERS + 1); i++) {
    if (LEXICONS.project.test(words[i])) return !startsStatement(words, i + 1);
    if (PROJECT_MODIFIER.test(words[i]) || LEXICONS.stack.test(words[i])) continue;
    if (++free > MAX_FREE_MODIFIERS || SENTENCE_LEXICONS.some((lexicon) => LEXICONS[lexicon].test(words[i]))) return false;
  }
  return false;
}

function startsStatement(words: readonly string[], from: number): boolean {
  for (let j = from; j < Math.min(words.length, from + PREDICATE_WINDOW); j++) {
    if (DESCRIPTION_LINK.test(words[j])) return false;
    if (PREDICATE.test(words[j])) return true;
  }
  return false;
}

/** The lexicons that open the sentences after the first: the order that may follow some context. */
export function laterOpeningLexicons(text: string, tokenize: (text: string) => string[]): string[] {
  const found = new Set<string>();
  for (const sentence of sentences(text).slice(1)) {
    for (const lexicon of openingLexicons(tokenize(sentence))) found.add(lexicon);
  }
  return [...found];
}

// A sentence ends at punctuation followed by a space, or at a line break; "file.py" and "4.2" stay whole.
const BREAK_MARK = /[.!?;:\n]/;
const BLANK = /\s/;

/**
 * The text cut into sentences, exactly as `text.split(/[.!?;:\n]+\s+|\n/)` cuts it, in linear
 * time: split tries that pattern at every position, and each try ran to the end of a run of
 * marks, so a long run not followed by a blank ("......x") took quadratic time. Here each run
 * is read once. Where the pattern breaks, for a run of marks starting at `start`:
 * - a blank right after the run: the run and every blank after it;
 * - else a line break inside the run after its first mark: the run up to the last such line
 *   break, and that line break (the pattern's backtracking lands on the last one);
 * - else a run that starts with a line break: that line break alone;
 * - else no break in this run.
 */
export function sentences(text: string): string[] {
  const found: string[] = [];
  let pieceStart = 0;
  let at = 0;
  while (at < text.length) {
    if (!BREAK_MARK.test(text[at])) {
      at++;
      continue;
    }
    let runEnd = at;
    while (runEnd < text.length && BREAK_MARK.test(text[runEnd])) runEnd++;
    const breakEnd = breakEndOfRun(text, at, runEnd);
    if (breakEnd === undefined) {
      at = runEnd;
      continue;
    }
    found.push(text.slice(pieceStart, at));
    pieceStart = at = breakEnd;
  }
  found.push(text.slice(pieceStart));
  return found;
}

/** Where the break that starts at `start` (a run of marks up to `runEnd`) ends, or undefined when none starts there. */
function breakEndOfRun(text: string, start: number, runEnd: number): number | undefined {
  if (runEnd < text.length && BLANK.test(text[runEnd])) {
    let end = runEnd;
    while (end < text.length && BLANK.test(text[end])) end++;
    return end;
  }
  for (let k = runEnd - 1; k > start; k--) if (text[k] === '\n') return k + 1;
  return text[start] === '\n' ? start + 1 : undefined;
}

// Verbs that reshape or repair what they are aimed at.
const EDIT_VERB =
  /^(make|put|turn|convert|change|move|wrap|rewrite|refactor|rename|replace|split|merge|simplify|optimi[sz]e|clean|improve|transform|reformat|format|modify|update|restructure|inline|extract|fix|correct|debug|repair|resolve)$/;
// What "this" points at: the selection, or the code under discussion.
const REFERENT = /^(this|it|these|that|them|selection|selected|here)$/;

/** True when an editing verb is aimed straight at "this"/"it": "make this bold", "fix it". */
export function editsReferent(words: readonly string[]): boolean {
  for (let i = 0; i + 1 < words.length; i++) {
    if (EDIT_VERB.test(words[i]) && REFERENT.test(words[i + 1])) return true;
  }
  return false;
}

// How far after its verb the piece of code may be named: "add a static factory method".
const UNIT_WINDOW = 4;

/** True when a verb that makes something names a whole piece of code to make: "add a method", "write a class". */
export function createsUnit(words: readonly string[]): boolean {
  for (let i = 0; i < words.length; i++) {
    if (!LEXICONS.create.test(words[i])) continue;
    for (let j = i + 1; j <= Math.min(words.length - 1, i + UNIT_WINDOW); j++) if (LEXICONS.unit.test(words[j])) return true;
  }
  return false;
}

// What a compiler, linter or runtime prints: "TypeError: ...", "TS2345", "error[E0499]",
// "Traceback", "go vet complains", "expected 3 got 2".
const ERROR_TEXT =
  /\b[A-Z]\w*(?:Error|Exception|Warning)\b|\bTS\d{4}\b|\berror\[?E\d+|\bTraceback\b|\b(?:complains|complaining|says|warns)\b|\bexpected\b.*\b(?:got|but)\b|\bcannot\b|\bcan't\b|\bundefined\b|\bnull\b/;

/** True when the request quotes or reports what a tool printed. */
export function quotesError(text: string): boolean {
  return ERROR_TEXT.test(text);
}
