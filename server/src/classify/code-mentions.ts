// Whether a request names code of the user's own, or talks of no code at all.
// Without a selection, "how does the EventBus class dispatch messages" or
// "explain #file:main.py" is about the user's code (explain it, fix it), while
// "how does garbage collection work" is a general question; over a selection,
// "tell me a joke" or "recommend a book" mentions no code and is not about the
// selection, though the selection is there.
import { LEXICONS } from './lexicons';

// A file reference, a file name with an extension, code in backticks, a call,
// an identifier in camelCase, PascalCase with two humps, or snake_case.
const CODE_NAME = new RegExp(
  [
    '#file',
    '\\b[\\w-]+\\.(?:js|jsx|ts|tsx|py|go|rs|java|kt|cs|cpp|c|h|rb|php|swift|vue|svelte|json|ya?ml|toml|xml|sql|sh|md|html|css|scss|csproj|gradle)\\b',
    '`[^`]+`',
    '\\b\\w+\\(\\)',
    '\\b[a-z]+[A-Z]\\w*',
    '\\b[A-Z][a-z]+[A-Z]\\w*',
    '\\b[a-z]+_[a-z_]+\\b',
  ].join('|'),
);

// Nouns for pieces of code: a request holding none of them (and no "this", no
// code name) is talk about something other than code.
const CODE_NOUN =
  /^(code|function|functions|func|fn|method|methods|class|classes|variable|variables|var|loop|component|components|module|file|files|script|query|endpoint|handler|hook|type|types|interface|struct|enum|regex|regexp|snippet|line|lines|block|program|algorithm|api|array|list|dict|object|string|parameter|params?|argument|return|callback|promise|async|sql|json|html|css|constructor|property|field|schema|route|service|controller|model|lambda|closure|recursion|pointer|exception|import|package|library|framework|compile|compiler|build|deploy|app|repo|test|tests)$/;

/** True when the request names some code: a file, an identifier, code in backticks. */
export function namesCode(text: string): boolean {
  return CODE_NAME.test(text);
}

/** True when nothing in the request points at code: no code noun, no "this", no code name, no intent word about code. */
export function talksOfNoCode(text: string, words: readonly string[], lexicons: readonly string[]): boolean {
  if (namesCode(text)) return false;
  if (words.some((word) => CODE_NOUN.test(word) || LEXICONS.deictic.test(word))) return false;
  return !lexicons.some((lexicon) => CODE_LEXICONS.has(lexicon));
}

// Lexicons whose words are about code by themselves ("refactor", "docstring", "pytest").
const CODE_LEXICONS = new Set(['test', 'doc', 'change', 'stack', 'terminal', 'notebook', 'github', 'editor']);
