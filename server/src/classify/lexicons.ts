import { MULTILINGUAL_WORDS } from './script-cues';

// Word lists that name an intent, used as features by the kind model. Written
// from knowledge of the task (what developers say when they want tests, docs,
// fixes...), never from the eval set; they let a few hundred training examples
// generalise to synonyms and to requests worded in ways training never saw.
const ENGLISH_LEXICONS: Record<string, RegExp> = {
  // Prefixes, so "testes"/"teste" (Portuguese, Spanish) and "testcase" match too.
  test: /^(unit|test|pytest|jest|vitest|mocha|junit|xunit|nunit|testng|mockito|mock|storybook|spec|coverage)/,
  doc: /^(doc|docs|docstrings?|documentation|documents?|document|jsdoc|javadoc|tsdoc|doxygen|comments?|annotate|readme)$/,
  explain: new RegExp(
    '^(explain|explanation|explained|meaning|mean|means|understand|happening|going|purpose|clarify|elaborate|why|walk|' +
      'demystify|decode|interpret|unpack|dissect|eli5|trace|breakdown|idea|intuition|reasoning|confused|confusing|huh|through|sense|lost|clueless|narrate|teach)$',
  ),
  // Asking for the short version: a summary of code, in prose or as a comment.
  summarize: new RegExp(
    '^(summari[sz]e|summari[sz]ing|summary|summaries|tl|dr|tldr|gist|recap|outline|overview|nutshell|synopsis|rundown|' +
      'condense|précis|precis|digest|highlights|briefly|brief|abstract|cliff|resume|résumé|zusammen|zusammenfassung|one-liner|liner|sum|' +
      'sentence|sentences|bullet|bullets|points|short|shortly)$',
  ),
  fix: /^(fix|fixes|error|errors|bug|bugs|failing|fails|failed|broken|crash|exception|typos?|correct|wrong|issue|warning)$/,
  create: /^(create|generate|scaffold|write|implement|make|build|new|add|insert|bootstrap|setup)$/,
  change: new RegExp(
    '^(refactor|rename|reformat|format|convert|modify|change|replace|simplify|move|extract|rewrite|update|remove|delete|' +
      'instead|only|put|turn|wrap|optimi[sz]e|clean|improve|transform|split|merge|restructure|inline|tidy|shorten|' +
      'streamline|polish|rework|untangle|flatten|moderni[sz]e|port|tweak|swap|dry|reword|collapse|migrate|switch|rid|' +
      'shorter|cleaner|simpler|faster|readable|consistent|verbose|concise|idiomatic|pythonic|nicer|safer)$',
  ),
  // Asking for the rest of code that is begun: complete it, fill in what is missing.
  complete: /^(complete|completion|finish|fill|stub|stubs|continue|rest|remaining|missing|todo|todos|placeholder|body|implement)$/,
  // Pieces of code one adds whole: "add a method", "write a class".
  unit: /^(function|functions|method|methods|class|classes|component|enum|interface|struct|type|endpoint|route|constructor|getter|getters|setter|setters|helper|hook|module|test|tests|case|cases|query|script|regex|decorator|macro|trait|impl|example)$/,
  // Things one starts from scratch: naming one is what a "new project" request does.
  project: new RegExp(
    '^(app|application|project|workspace|starter|boilerplate|template|website|webapp|site|server|api|service|game|cli|' +
      'extensions?|plugin|addon|library|lib|package|sdk|bot|chatbot|microservices?|backend|frontend|dashboard|tool|' +
      'system|solution|repo|' +
      // Whole programs people ask for by their kind or by the game they copy: "tetris in pygame", "a pomodoro timer".
      'pwa|spa|monorepo|platformer|roguelike|tetris|minesweeper|snake|pong|chess|sudoku|wordle|hangman|breakout|asteroids|' +
      'tracker|timer|calculator|blog|portfolio|chatroom|scraper|crawler|quiz|simulator|emulator)$',
  ),
  // Stacks people name when they ask for a new project ("flutter app", "spring boot app").
  stack: new RegExp(
    '^(react|flutter|node|nodejs|express|java|spring|boot|go|golang|python|typescript|javascript|net|dotnet|csharp|' +
      'terraform|bicep|azure|aws|django|flask|fastapi|vue|angular|svelte|nextjs|kotlin|swift|rust|' +
      'mongo|mongodb|postgres|mysql|sqlite|maven|gradle)$',
  ),
  github: /^(issues?|pull|prs?|repo|repository|repos|commits?|release|discussion|github|labels?|assigned|authored)$/,
  editor: /^(vscode|vs|code|shortcut|keybindings?|keyboard|palette|theme|explorer|panel|sidebar|settings|zen|cursor|extension)$/,
  terminal: /^(terminal|git|branch|shell|bash|powershell|cmd|command|npm|pip|kubectl|docker|az)$/,
  notebook: /^(notebook|notebooks|jupyter|ipynb|cells?)$/,
  // Programming operations: ordered over a selection they ask for code ("filter rows where ...", "save it as json").
  operation: new RegExp(
    '^(get|filter|sort|count|parse|read|load|save|store|calculate|compute|return|print|log|fetch|call|check|validate|' +
      'loop|iterate|map|group|find|embed|append|insert|declare|define|initiali[sz]e|instantiate|assign|set|send|post|' +
      'query|select|join|split|sum|average|plot|draw|render|display|show|download|upload|connect|open|close|export|' +
      'import|serialize|deserialize|encode|decode|hash|encrypt|decrypt|convert|merge|concat|concatenate|reverse|trim|' +
      'round|format|wait|retry|throw|catch|handle)$',
  ),
  // Talk that is not about code at all, said over a selection as often as not.
  social: /^(hi|hey|hello|thanks|thank|thx|ty|danke|gracias|merci|ok|okay|cool|nice|great|joke|poem|weather|rain|time|bye|lol)$/,
  // Kinds of writing that are not code ("write me a limerick"): ordered over a
  // selection they are not about it. Words that also name code or UI ("letter",
  // "toast", "quote") are left out.
  prose: new RegExp(
    '^(poems?|poetry|haikus?|limericks?|sonnets?|verses?|rhymes?|story|stories|essays?|lyrics|songs?|jokes?|riddles?|recipes?|novel|' +
      'fable|eulogy|anecdote|puns?|horoscope|slogan|bio|' +
      // Everyday writing for people, not programs ("draft an email to my landlord", "a linkedin post").
      'emails?|tweets?|linkedin|speech|speeches|newsletter|invitation|announcement|caption|itinerary|' +
      // ... and the words for writing or correcting it: "proofread: ...", "a standup update", "a slack message".
      'proofread|proofreading|grammar|spelling|slack|standup|memo|discours|discurso|mensaje|carta|lettre)$',
  ),
  // A report of what goes wrong, said as a statement: "total is off by a cent", "the menu never closes",
  // "this query returns duplicate rows". Over a selection it asks for a fix; in the side chat, without an
  // order to repair, it is a question (AUDIT.md, convention 1).
  symptom: new RegExp(
    '^(doesn|doesnt|isn|isnt|aren|won|wont|never|anymore|still|keeps|wrong|duplicate|duplicates|duplicated|' +
      'hangs|freezes|frozen|stuck|blank|ignores|skips|twice|leaks|leaking|slow|breaks|broke|crashes|crashing|throws|' +
      'nan|infinite|incorrect|mismatch|overflow|overflows|flaky|randomly|sometimes|unexpected)$',
  ),
  // People one writes to or about, not programs: "a slack message to my team", "an email to my landlord".
  people: new RegExp(
    '^(team|teammates?|colleagues?|coworkers?|boss|manager|landlord|friends?|mom|mum|dad|wife|husband|family|kids?|' +
      'recruiter|neighbou?r|teacher|everyone|grandma|partner|girlfriend|boyfriend|equipo|équipe|collègues|kollegen)$',
  ),
  // Things of the world outside code: money, measures, dates, places, food.
  world: new RegExp(
    '^(usd|eur|euros?|dollars?|gbp|yen|fahrenheit|celsius|miles|km|kilometers|kilometres|kg|lbs|inches|cm|feet|' +
      'weather|recipe|calories|flight|hotel|vacation|holiday|birthday|wedding|camping|trip|restaurant|' +
      'book|books|president|capital|year|iphone)$',
  ),
  // Languages people speak: "translate it into italian" asks for words, "port it to go" for code.
  tongue: /^(english|spanish|italian|german|french|japanese|chinese|korean|portuguese|russian|dutch|hindi|arabic|polish|turkish|swedish)$/,
  // Words that set a request apart from the code at hand: "in general", "unrelated, but", "btw", "out of curiosity".
  aside: /^(general|generally|unrelated|btw|offtopic|curiosity|curious|aside|random|meanwhile|personally|opinion)$/,
  question: /^(how|why|what|whats|when|where|which|who|can|could|is|are|does|do|should|would|will)$/,
  deictic: /^(this|these|here|selected|selection|it|above|below|following)$/,
};

/** The English lists joined with the same intent's words in other languages (script-cues.ts). */
export const LEXICONS: Record<string, RegExp> = Object.fromEntries(
  Object.entries(ENGLISH_LEXICONS).map(([name, pattern]) => {
    const extra = MULTILINGUAL_WORDS[name];
    return [name, extra ? new RegExp(`(?:${pattern.source})|^(?:${extra})$`, pattern.flags) : pattern];
  }),
);

// Requests repeat their words, so each word's lists are remembered; bounded, so a
// stream of pasted identifiers cannot grow it without end.
const MAX_REMEMBERED_WORDS = 20_000;
const remembered = new Map<string, readonly string[]>();

/** The word lists (LEXICONS) a word belongs to, and those it is a one-slip misspelling of (typos.ts). */
export function lexiconsOfWord(word: string, misspelledLexicons: (word: string) => string[]): readonly string[] {
  let found = remembered.get(word);
  if (found) return found;
  const direct = Object.keys(LEXICONS).filter((lexicon) => LEXICONS[lexicon].test(word));
  found = [...new Set([...direct, ...misspelledLexicons(word)])];
  if (remembered.size >= MAX_REMEMBERED_WORDS) remembered.clear();
  remembered.set(word, found);
  return found;
}
