import assert from 'node:assert/strict';
import { describesProject, editsReferent, laterOpeningLexicons } from '../../../server/src/classify/phrasing';

const words = (text: string): string[] => text.toLowerCase().match(/[\p{L}\p{N}_]+/gu) ?? [];

describe('describesProject', () => {
  it('is true for a bare description of a thing to build, with sizes, versions and stacks before the noun', () => {
    const descriptions = ['.net 8 web app', 'flutter app that is a calculator', 'small and basic project in go', 'vscode extension for chat'];
    for (const text of descriptions) {
      assert.equal(describesProject(words(text)), true, text);
    }
  });

  it('is false when the noun is the subject of a statement, or the request opens with a verb or a question', () => {
    const others = ['azure webapp deploy is not picking up the dll', 'my app does not start', 'create a react app', 'how do i deploy my app'];
    for (const text of others) {
      assert.equal(describesProject(words(text)), false, text);
    }
  });
});

describe('describesProject: games, kinds of app and names before the noun', () => {
  it('is true for a game or a kind of app named by what it copies or is about', () => {
    for (const text of ['tetris in pygame', 'snake game with arrow keys', 'pomodoro timer web app', '2d platformer in godot 4']) {
      assert.equal(describesProject(words(text)), true, text);
    }
  });

  it('is false when the noun starts a report, or after an order or a question', () => {
    for (const text of ['my flutter app shows a yellow bar', 'the game crashes on level 2', 'explain the tetris rotation code', 'why is my snake game slow']) {
      assert.equal(describesProject(words(text)), false, text);
    }
  });
});

describe('laterOpeningLexicons', () => {
  it('finds the order that follows a sentence of context', () => {
    assert.deepEqual(laterOpeningLexicons('the image repeats vertically. fix it so only one shows', words), ['fix']);
  });

  it('ignores the first sentence and dots inside names', () => {
    assert.deepEqual(laterOpeningLexicons('fix main.py please', words), []);
  });
});

describe('editsReferent', () => {
  it('is true when an editing verb is aimed at "this"/"it"', () => {
    assert.equal(editsReferent(words('make this bold')), true);
    assert.equal(editsReferent(words('please put this in a usememo')), true);
    assert.equal(editsReferent(words('the button is broken, fix it')), true);
  });

  it('is false for new code or an explanation of "this"', () => {
    assert.equal(editsReferent(words('make a new component')), false);
    assert.equal(editsReferent(words('explain this')), false);
  });
});
