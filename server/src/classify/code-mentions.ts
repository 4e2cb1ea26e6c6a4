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
    // A member access: "item.price", "os.path" (both sides two or more characters, so "e.g." is no code).
    '\\b[A-Za-z_]\\w+\\.[A-Za-z_]\\w+',
    '\\b[a-z]+[A-Z]\\w*',
    '\\b[A-Z][a-z]+[A-Z]\\w*',
    '\\b[a-z]+_[a-z_]+\\b',
  ].join('|'),
);

// Nouns for pieces of code: a request holding none of them (and no "this", no
// code name) is talk about something other than code.
const CODE_NOUN = new RegExp(
  '^(' +
    'code|function|functions|func|fn|method|methods|class|classes|variable|variables|var|loop|component|components|module|file|files|' +
    'script|query|endpoint|handler|hook|type|types|interface|struct|enum|regex|regexp|snippet|line|lines|block|program|algorithm|api|' +
    'array|list|dict|object|string|parameter|params?|argument|return|callback|promise|async|sql|json|html|css|constructor|property|' +
    'field|schema|route|service|controller|model|lambda|closure|recursion|pointer|exception|import|imports|package|library|framework|' +
    'compile|compiler|build|deploy|app|repo|test|tests|' +
    // Pieces of code named by what they do or hold, and the UI a program draws.
    'helpers?|getters?|setters?|overloads?|buffer|null|nil|undefined|validation|memoization|buttons?|checkbox|dropdown|widget|' +
    'columns?|rows|dataframe|df|' +
    // The same nouns in the other languages of script-cues.ts.
    'funci[oó]n|funciones|fun[cç][aã]o|fun[cç][oõ]es|funzione|fonction|funktion|funktionen|функци[яюи]|fungsi|fonksiyon|' +
    'clase|classe|klasse|класс|m[eé]todo|m[ée]thode|methode|метод|c[oó]digo|codice|код|kodu|vari[aá]vel|переменн\\p{L}*' +
    ')$',
  'u',
);
// Chinese, Japanese and Korean code nouns, found as substrings (script-cues.ts says why).
const UNSPACED_CODE_NOUN = new RegExp('関数|函数|函式|コード|代码|代碼|코드|함수|クラス|メソッド|变量|変数|エンドポイント|接口|类', 'u');

/** True when the word is a noun for a piece of code ("callback", "imports", "component"). */
export function isCodeNoun(word: string): boolean {
  return CODE_NOUN.test(word);
}

/** True when the request names some code: a file, an identifier, code in backticks. */
export function namesCode(text: string): boolean {
  return CODE_NAME.test(text);
}

/** True when nothing in the request points at code: no code noun, no "this", no code name, no intent word about code. */
export function talksOfNoCode(text: string, words: readonly string[], lexicons: readonly string[]): boolean {
  if (namesCode(text)) return false;
  if (words.some((word) => CODE_NOUN.test(word) || LEXICONS.deictic.test(word)) || UNSPACED_CODE_NOUN.test(text)) return false;
  return !lexicons.some((lexicon) => CODE_LEXICONS.has(lexicon));
}

// Lexicons whose words are about code by themselves ("refactor", "docstring", "pytest").
// The code pieces (unit) and unfinished code (complete) lists too: "add a getter", "fill in the todo".
const CODE_LEXICONS = new Set(['test', 'doc', 'change', 'stack', 'terminal', 'notebook', 'github', 'editor', 'unit', 'complete']);
