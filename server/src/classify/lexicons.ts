// Word lists that name an intent, used as features by the kind model. Written
// from knowledge of the task (what developers say when they want tests, docs,
// fixes...), never from the eval set; they let a few hundred training examples
// generalise to synonyms and to requests worded in ways training never saw.
export const LEXICONS: Record<string, RegExp> = {
  // Prefixes, so "testes"/"teste" (Portuguese, Spanish) and "testcase" match too.
  test: /^(unit|test|pytest|jest|vitest|mocha|junit|xunit|nunit|testng|mockito|mock|storybook|spec|coverage)/,
  doc: /^(doc|docs|docstrings?|documentation|documents?|document|jsdoc|javadoc|tsdoc|doxygen|comments?|annotate|readme)$/,
  explain: /^(explain|explanation|meaning|mean|means|understand|happening|purpose|clarify|elaborate|why)$/,
  fix: /^(fix|fixes|error|errors|bug|bugs|failing|fails|failed|broken|crash|exception|typos?|correct|wrong|issue|warning)$/,
  create: /^(create|generate|scaffold|write|implement|make|build|new|add|insert|bootstrap|setup)$/,
  change: /^(refactor|rename|reformat|format|convert|modify|change|replace|simplify|move|extract|rewrite|update|remove|delete|instead|only)$/,
  project: /^(app|application|project|workspace|starter|boilerplate|template|website|webapp|site|server|api|service|game|cli)$/,
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
  question: /^(how|why|what|whats|when|where|which|who|can|could|is|are|does|do|should|would|will)$/,
  deictic: /^(this|these|here|selected|selection|it|above|below|following)$/,
};
