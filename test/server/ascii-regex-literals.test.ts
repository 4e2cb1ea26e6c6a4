// The production bundle must be ASCII (esbuild.js refuses it otherwise: one non-ASCII character
// makes V8 hold the whole server source as a two-byte string). esbuild escapes non-ASCII text in
// strings, not in regex literals, so a regex literal with "ñ" in it fails `npm run package` and
// the end-to-end suite, minutes into CI. This finds one at once, with its place.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import * as ts from 'typescript';

const ROOTS = ['server/src', 'shared'].map((dir) => join(__dirname, '..', '..', dir));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

/** Each regex literal of `file` that holds a character outside ASCII, as "file:line: /.../". */
function nonAsciiRegexLiterals(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (node.kind === ts.SyntaxKind.RegularExpressionLiteral && /[^\x00-\x7f]/.test(node.getText(source))) {
      const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
      found.push(`${relative(process.cwd(), file)}:${line}: ${node.getText(source).slice(0, 80)}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('regex literals of the server and shared code', () => {
  it('are ASCII (write other characters as \\u escapes), so the production bundle stays ASCII', () => {
    const files = ROOTS.flatMap(sourceFiles);
    assert.ok(files.length > 100, `read ${files.length} files`);
    assert.deepEqual(files.flatMap(nonAsciiRegexLiterals), []);
  });

  it('finds a non-ASCII regex literal when there is one', () => {
    const file = join(__dirname, 'ascii-regex-literals.fixture.tmp.ts');
    writeFileSync(file, "export const ADD = /^(add|a\u00f1ade)$/;\nexport const OK = 'a\u00f1ade';\n");
    try {
      const found = nonAsciiRegexLiterals(file);
      assert.equal(found.length, 1, found.join('\n'));
      assert.match(found[0], /:1: \/\^\(add\|a.ade\)\$\//);
    } finally {
      rmSync(file, { force: true });
    }
  });
});
