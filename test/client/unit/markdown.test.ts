import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { escapeHtml, renderInline, renderMarkdown } from '../../../client/webview/markdown';

const ALLOWED_TAGS = new Set(['p', 'br', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'pre', 'code', 'blockquote',
  'ul', 'ol', 'li', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'strong', 'em', 'a']);

describe('renderMarkdown', () => {
  it('escapes HTML in the answer instead of rendering it', () => {
    const html = renderMarkdown('<img src=x onerror="alert(1)"> and <script>alert(2)</script>');
    assert.ok(!html.includes('<img') && !html.includes('<script'));
    assert.ok(html.includes('&lt;script&gt;'));
  });

  it('only ever produces its own fixed set of tags, whatever the input', () => {
    fc.assert(fc.property(fc.string({ unit: fc.constantFrom('<', '>', '"', "'", '`', '*', '_', '#', '-', '|', '[', ']', '(', ')', 'a', ' ', '\n', 'h', ':', '/') }), (source) => {
      for (const [, tag] of renderMarkdown(source).matchAll(/<\/?([a-zA-Z0-9]+)/g)) {
        assert.ok(ALLOWED_TAGS.has(tag ?? ''), `unexpected <${tag}> from ${JSON.stringify(source)}`);
      }
    }));
  });

  it('renders fenced code literally, with its language as a class', () => {
    assert.equal(renderMarkdown('```ts\nconst a = <T>() => 1;\n```'),
      '<pre><code class="language-ts">const a = &lt;T&gt;() =&gt; 1;</code></pre>');
  });

  it('renders a fence that has not closed yet while the answer streams', () => {
    assert.equal(renderMarkdown('Look:\n```js\nlet x'), '<p>Look:</p>\n<pre><code class="language-js">let x</code></pre>');
  });

  it('renders headings, lists and paragraphs', () => {
    assert.equal(renderMarkdown('# Title\n\n- one\n- two\n\n2. second\n3. third\n\nText'),
      '<h1>Title</h1>\n<ul><li>one</li><li>two</li></ul>\n<ol start="2"><li>second</li><li>third</li></ol>\n<p>Text</p>');
  });

  it('renders a pipe table with a header row', () => {
    assert.equal(renderMarkdown('| a | b |\n|---|---|\n| 1 | 2 |'),
      '<table><thead><tr><th scope="col">a</th><th scope="col">b</th></tr></thead><tbody><tr><td>1</td><td>2</td></tr></tbody></table>');
  });

  it('renders a block quote', () => {
    assert.equal(renderMarkdown('> quoted'), '<blockquote><p>quoted</p></blockquote>');
  });
});

describe('renderInline', () => {
  it('renders bold, italics and inline code, leaving code spans literal', () => {
    assert.equal(renderInline('**bold** and *it* and `a*b*c`'), '<strong>bold</strong> and <em>it</em> and <code>a*b*c</code>');
  });

  it('links only http and https URLs', () => {
    assert.equal(renderInline('[docs](https://example.com/a?b=1&c=2)'), '<a href="https://example.com/a?b=1&amp;c=2">docs</a>');
    assert.equal(renderInline('[x](javascript:alert(1))'), '[x](javascript:alert(1))');
  });

  it('cannot break out of a link attribute with a quote', () => {
    assert.ok(!renderInline('[x](https://e.com/"onmouseover="alert(1))').includes('"onmouseover'));
  });
});

describe('escapeHtml', () => {
  it('escapes the five HTML-significant characters', () => {
    assert.equal(escapeHtml(`<a href="x">'&'</a>`), '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});
