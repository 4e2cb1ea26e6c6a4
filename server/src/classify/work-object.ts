// What the work is aimed at: code that is already there, or code that does not
// exist yet. Over a selection this is the line between a refactor (change the
// code: "add a null check", "sort the imports", "make the function pure") and a
// completion (write new code: "add a method", "a function to flatten dicts",
// "sql to find duplicate emails"); in the side chat, between a whole program to
// build ("minesweeper in javascript") and one small piece to hand over
// ("generate a dockerfile"). Read from the words alone, so it holds for wording
// training never saw.
import { LEXICONS } from './lexicons';
import { openingWord } from './opening';
import { isCodeNoun } from './code-mentions';

// Determiners that introduce something new, and those that point at something that exists.
const NEW_DETERMINER = /^(a|an|another|new|some|one|un|una|uno|une|ein|eine|einen|um|uma)$/;
const EXISTING_DETERMINER = /^(the|this|that|these|those|my|our|its|their|all|every|each|it|them|el|la|los|las|le|les|der|die|das|den|o|os|as)$/;
// Words that may stand between a verb and its object without changing whose it is: "add me a", "give us the".
// Particles of a phrasal verb count as filler too: "clean up the handler", "pull out the constants".
const OBJECT_FILLER = /^(me|us|him|her|quickly|just|also|please|pls|up|out|down|away|over|back)$/;

/**
 * Whether the request's verb takes a new thing ("add a method", "write an enum") or one
 * that exists ("add the missing return", "sort the imports", "rename it"): 'new',
 * 'existing', or undefined when no determiner follows the opening word.
 */
export function objectOfOpening(words: readonly string[]): 'new' | 'existing' | undefined {
  const opening = openingWord(words);
  if (opening === undefined) return undefined;
  let at = words.indexOf(opening) + 1;
  while (at < words.length && OBJECT_FILLER.test(words[at])) at++;
  const next = words[at];
  if (next === undefined) return undefined;
  if (NEW_DETERMINER.test(next)) return 'new';
  if (EXISTING_DETERMINER.test(next)) return 'existing';
  return undefined;
}

// Nouns for a piece of code one hands over whole, beyond the unit lexicon: files
// of configuration and build, and the words for "some code".
const PIECE_NOUN =
  /^(code|snippet|sql|dockerfile|makefile|gitignore|yaml|yml|workflow|pipeline|config|tsconfig|manifest|migration|schema|model|block|loop|statement|command|alias|macro|expression|formula|query|regex|script)$/;
// Words that link a piece of code to what it must do: "a function to ...", "code that ...", "sql for ...".
const PURPOSE_LINK = /^(to|that|which|for|exposing|returning|taking|computing|reading|checking|using|in|with)$/;
// How far into the request the noun may stand: "a small pure function to ...".
const MAX_NOUN_AT = 4;

/**
 * True when the request, without a verb, names a piece of code followed by what it must
 * do: "a function to flatten nested dicts", "code to read a csv", "sql to find duplicates",
 * "terraform output block exposing the arn". It asks for that code, new.
 */
export function namesPieceToWrite(words: readonly string[]): boolean {
  for (let i = 0; i < Math.min(words.length - 1, MAX_NOUN_AT + 1); i++) {
    const word = words[i];
    if (isPieceNoun(word)) return PURPOSE_LINK.test(words[i + 1]);
    // Any verb, question word or "this" before the noun makes it a sentence, not a name.
    if (ORDER_OR_QUESTION.some((lexicon) => LEXICONS[lexicon].test(word))) return false;
  }
  return false;
}

function isPieceNoun(word: string): boolean {
  return PIECE_NOUN.test(word) || LEXICONS.unit.test(word);
}

const ORDER_OR_QUESTION = ['create', 'change', 'fix', 'explain', 'summarize', 'doc', 'question', 'deictic', 'operation'];

// What one adds to code that exists rather than beside it: checks, handling,
// annotations... "add a null check" changes the function it guards.
const BEHAVIOUR_NOUN = new RegExp(
  '^(check|checks|guard|guards|validation|validations|handling|handler|annotations?|hints?|types|typing|logging|logs?|' +
    'memoization|memoize|caching|cache|retry|retries|timeout|timeouts|fallback|defaults?|support|limit|limits|limiting|' +
    'try|catch|assert|asserts|assertions|condition|conditions|parameter|param|argument|option|options|flag|flags|' +
    'debounce|throttle|throttling|pagination|sorting|filtering|locking|lock|escaping|sanitization|sanitizing|' +
    'early|return|break|await|async|semicolons|braces|spacing|indentation|state|loading|styles|styling)$',
);
const ADD_VERB = /^(add|put|insert|include|introduce|throw|wrap|agrega|a\u00f1ade|adicione|ajoute|f\u00fcge)$/;
// How far after "add" the behaviour may be named: "add a simple null check".
const BEHAVIOUR_WINDOW = 4;

/** True when the request adds behaviour to existing code: "add a null check", "add error handling", "add type hints". */
export function addsToExisting(words: readonly string[]): boolean {
  for (let i = 0; i < words.length; i++) {
    if (!ADD_VERB.test(words[i])) continue;
    for (let j = i + 1; j <= Math.min(words.length - 1, i + BEHAVIOUR_WINDOW); j++) {
      if (BEHAVIOUR_NOUN.test(words[j])) return true;
      // A whole new piece ("add a method that handles errors") is new code, whatever follows,
      // unless the piece word only qualifies the behaviour ("add type hints").
      if (isPieceNoun(words[j]) && !BEHAVIOUR_NOUN.test(words[j + 1] ?? '')) return false;
    }
  }
  return false;
}

// How far after the verb the thing made may be named: "generate a multi stage dockerfile".
const MADE_WINDOW = 5;

/**
 * What a verb of making makes, by the first noun after it: a 'project' (a whole program:
 * "create a new java workspace", "generate a starter for a laravel app") or a 'piece' (one
 * file or unit handed over whole: "generate a dockerfile for a node app", "write a stored
 * procedure"), or 'tests'. In the side chat the first is a new project (`new`), the piece a snippet to
 * write (`generate`; labelled a question until round 12, data/authored-requests/AUDIT.md).
 */
export function thingMade(words: readonly string[]): 'project' | 'tests' | 'piece' | undefined {
  for (let i = 0; i < words.length; i++) {
    if (!LEXICONS.create.test(words[i])) continue;
    for (let j = i + 1; j <= Math.min(words.length - 1, i + MADE_WINDOW); j++) {
      if (LEXICONS.project.test(words[j])) return 'project';
      // Tests are asked of code the user has, in either chat ("generate tests for cart.ts").
      if (LEXICONS.test.test(words[j])) return 'tests';
      // "a vs code extension": the editor's name, not code to write.
      if (words[j] === 'code' && /^(vs|studio)$/.test(words[j - 1])) continue;
      if (isPieceNoun(words[j]) || /^(procedure|function|file|component|page|form|grid|layout|table|dockerfile)$/.test(words[j])) return 'piece';
    }
    return undefined;
  }
  return undefined;
}

// Possessives and pointers before a program: "my node app", "our api", "the swift app".
const OWNER = /^(my|our|the|this|mi|meu|minha|mon|ma|mein|meine)$/;
// Words that may stand between the owner and the noun: "my little react native app".
const OWNED_WINDOW = 3;

/**
 * True when the request speaks of a program the user already has ("getting ECONNRESET from
 * my node app", "our api returns 500"): a question or a fix about it, never a new project.
 */
export function ownsProject(words: readonly string[]): boolean {
  for (let i = 0; i < words.length; i++) {
    if (!OWNER.test(words[i])) continue;
    for (let j = i + 1; j <= Math.min(words.length - 1, i + OWNED_WINDOW); j++) {
      if (LEXICONS.project.test(words[j])) return true;
      if (!LEXICONS.stack.test(words[j]) && !/^(web|mobile|dev|little|small|new|old|own|native|main|local)$/.test(words[j])) break;
    }
  }
  return false;
}

/** True when a code noun is pointed at as one that exists: "this component", "the callback", "my handler" (one word may stand between). */
export function pointsAtUnit(words: readonly string[]): boolean {
  for (let i = 0; i + 1 < words.length; i++) {
    if (!EXISTING_DETERMINER.test(words[i]) || words[i] === 'it' || words[i] === 'them') continue;
    const next = [words[i + 1], words[i + 2] ?? ''];
    if (next.some((word) => isPieceNoun(word) || isCodeNoun(word))) return true;
  }
  return false;
}
