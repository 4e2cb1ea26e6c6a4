// Intent cues in the languages developers also write requests in. Latin and
// Cyrillic words join the word lexicons (lexicons.ts) through MULTILINGUAL_WORDS;
// Chinese, Japanese and Korean are written without spaces, so a "word" there is a
// whole clause and their cues are found as substrings instead. Written from
// knowledge of the languages (the common verb for each intent), not from any
// evaluation set.

/** Extra whole words per lexicon: Spanish, Portuguese, Italian, French, German, Russian, Turkish, Indonesian. */
export const MULTILINGUAL_WORDS: Record<string, string> = {
  explain:
    'explica|explicar|explique|explícame|explicame|explain|spiega|spiegami|spiegare|explique-moi|expliquer|erkläre|erklär|erklären|' +
    'erklärung|объясни|объяснить|açıkla|açıklar|jelaskan|significa|signifie|bedeutet|означает|anlamı',
  fix:
    'arregla|arreglar|arréglalo|corrige|corrija|corrigir|conserta|consertar|sistemalo|sistemare|risolvi|répare|réparer|behebe|beheben|' +
    'repariere|исправь|исправить|почини|düzelt|perbaiki|fehler|erreur|ошибка|hata',
  create:
    'crea|crear|créer|crée|cria|criar|erstelle|erstellen|gere|gera|genera|generar|gerar|escribe|escreva|escrever|scrivi|schreibe|écris|' +
    'создай|создать|напиши|oluştur|yaz|buat|implementa|implemente|implementiere',
  change:
    'refactoriza|refactorizar|refatore|refatorar|cambia|cambiar|mude|mudar|ändere|ändern|convierte|convertir|converta|converti|ubah|' +
    'перепиши|переименуй|değiştir|simplifica|simplifie|vereinfache|umbenennen|renomeie',
  doc: 'comentarios|comentário|comentários|commenti|commentaires|kommentare|kommentar|комментарии|комментарий|yorum|dokumentation|documentación|documentação',
  summarize: 'resume|resumen|resumo|riassumi|résume|résumer|fasse|zusammenfassen|кратко|özetle|ringkas',
  test: 'prueba|pruebas|teste|testes|prova|тест|тесты|testler',
  prose: 'poema|poemas|poème|poèmes|poesia|poesía|gedicht|gedichte|chiste|chistes|blague|blagues|witz|witze|piada|barzelletta|cuento|canción|chanson|receta|recette|rezept|стих|стихи|шутка|анекдот',
  question: 'qué|que|quoi|pourquoi|comment|was|wie|warum|wieso|welche|o|como|cómo|porque|qual|cosa|come|perché|что|как|почему|зачем|nedir|neden|nasıl|apa|bagaimana',
  deictic: 'este|esta|esto|ese|esa|eso|esse|essa|isso|questo|questa|qui|ce|cet|cette|ceci|dieser|diese|dieses|das|hier|aqui|aquí|это|этот|эта|эту|здесь|bu|burada|ini',
};

/**
 * Substrings per lexicon in Chinese, Japanese and Korean. Built from strings, not regex
 * literals: esbuild escapes non-ASCII in strings only, and the bundle must stay ASCII
 * (esbuild.js says why).
 */
export const UNSPACED_CUES: Record<string, RegExp> = {
  explain: new RegExp('説明|解説|解释|讲解|什么意思|是什么|怎么工作|どういう|とは|설명|무슨|뭐야', 'u'),
  fix: new RegExp('修复|修正|修改错误|直して|なおして|バグ|错误|報錯|报错|고쳐|수정|오류|에러', 'u'),
  create: new RegExp('作成|作って|書いて|追加して|创建|新建|生成|编写|写一个|搭建|만들|작성|생성', 'u'),
  change: new RegExp('書き換え|リファクタ|変換|重构|改成|改为|转换|리팩터|바꿔|변환', 'u'),
  doc: new RegExp('注释|コメント|ドキュメント|文档|주석|문서', 'u'),
  summarize: new RegExp('要約|まとめ|总结|概括|摘要|요약', 'u'),
  test: new RegExp('テスト|测试|単体|테스트', 'u'),
  question: new RegExp('[吗嗎？]|什么|怎么|为什么|ですか|ますか|何|なぜ|까\\??$|나요|뭐|왜', 'u'),
  deictic: new RegExp('这|這|この|これ|ここ|이 ', 'u'),
};
