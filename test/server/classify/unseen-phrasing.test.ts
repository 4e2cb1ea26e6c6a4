// The failure classes seen on requests worded by other people (issue 11, item 3),
// each shown by requests written for this test and found in no training file:
// the shipped model must read the sentence, not the selection or one cue word.
// Still misread by the shipped model: over a selection, "explain black holes to me"
// (explain). "expound on this", an unknown verb with "this", reads as a refactor at p=0.46
// (round 10; 0.48 in round 8, 0.58 before it, 0.60 before authored-requests/boundaries*.jsonl),
// under the confidence line (UNSURE_BELOW), so it is answered as a question; "elucidate this
// block" now reads as explain at 0.41 (a refactor at 0.51 in round 8). "should unit tests hit the database?" and "write me a limerick" now read
// as ask in both places, but
// contrasts.jsonl was written for those two failure classes, so they are no longer unseen.
import assert from 'node:assert/strict';
import type { Kind } from '../../../shared/protocol';
import { classify } from '../../../server/src/classify/classify';
import { codeDocument } from './helpers';

const selected = codeDocument(6, [1, 5]);
const withSelection = (prompt: string): Kind => classify({ prompt, document: selected }).kind;
const withoutSelection = (prompt: string): Kind => classify({ prompt }).kind;

describe('classify: kinds that hold on unfamiliar wording', () => {
  it('reads a request for the short version of the selected code as summarize', () => {
    for (const prompt of ['tl;dr of this function', 'gimme the gist', 'recap this for me', 'outline what this code does', 'sum up what this class handles']) {
      assert.equal(withSelection(prompt), 'summarize', prompt);
    }
  });

  it('reads "walk me through" and "what is going on" over a selection as explain', () => {
    for (const prompt of ['walk me through this method', "what's going on in this loop", 'break this down for me please']) {
      assert.equal(withSelection(prompt), 'explain', prompt);
    }
  });

  // Through classify, as route sees it: "elucidate" comes out as ask because the model's
  // refactor guess for it is under the confidence a code-only answer needs.
  it('does not turn a verb it never saw into an edit just because code is selected', () => {
    for (const prompt of ['paraphrase what this does', 'elucidate this block']) {
      assert.notEqual(withSelection(prompt), 'refactor', prompt);
    }
  });

  it('reads a question that contains "test" or "error" as a question, not an order to write tests or fix', () => {
    for (const prompt of ['why does this test keep failing?', 'what does this error mean?']) {
      assert.equal(withSelection(prompt), 'explain', prompt);
    }
    for (const prompt of ['how do I handle errors in rust?', 'what is the difference between a mock and a stub?']) {
      assert.equal(withoutSelection(prompt), 'ask', prompt);
    }
  });

  it('answers a general question asked while code is selected as a question', () => {
    for (const prompt of ["what's the difference between an interface and a type alias", 'how do I exit vim', 'what is a race condition']) {
      assert.equal(withSelection(prompt), 'ask', prompt);
    }
  });

  it('answers an aside, a general question or writing for people over a selection as a question', () => {
    for (const prompt of [
      'in general, when is a trie better than a hash map',
      'unrelated, but how do I negotiate a salary',
      "write a short speech for my team's offsite",
      "translate 'see you tomorrow' into french",
      'draft an email asking for two days off',
    ]) {
      assert.equal(withSelection(prompt), 'ask', prompt);
    }
  });

  it('over a selection, reads a question that names a member of the code as explain and a translation of the code as an edit', () => {
    assert.equal(withSelection('where does item.price get set'), 'explain');
    assert.equal(withSelection('translate the error messages into german'), 'refactor');
  });

  it('reads the usual intents in other languages, spaced or not', () => {
    assert.equal(withSelection('explícame esta función'), 'explain');
    assert.equal(withSelection('arregla el bug de este bucle'), 'refactor');
    assert.equal(withSelection('この関数を説明してください'), 'explain');
    assert.equal(withSelection('was macht diese Funktion?'), 'explain');
  });

  it('reads a misspelt intent word as the word it misspells', () => {
    assert.equal(withSelection('expalin this function'), 'explain');
    assert.equal(withSelection('refacter this'), 'refactor');
  });

  it('without a selection, reads a question about named code of the user as explain, not as a general question', () => {
    assert.equal(withoutSelection('how does the PaymentGateway class retry failed charges'), 'explain');
    assert.equal(withoutSelection('what does parse_headers() in http.py return'), 'explain');
  });

  // Round 12 (data/authored-requests/AUDIT.md, rule R1): in the side chat a piece of code to
  // write is kind completion, as over a selection; Copilot's convention read it as a question.
  it('without a selection, reads a piece of code or configuration to write as completion, and a question how to write one as a question', () => {
    for (const prompt of [
      'write a go function that reports whether a year is a leap year',
      'regex for dutch license plates',
      'makefile with lint and release targets for a go project',
      'create a systemd timer that runs my backup script daily',
    ]) {
      assert.equal(withoutSelection(prompt), 'completion', prompt);
    }
    for (const prompt of ['how do I write a regex for dutch license plates?', 'command to show disk usage per folder']) {
      assert.equal(withoutSelection(prompt), 'ask', prompt);
    }
  });

  it('over a selection, tells a new piece of code from a change to what is there', () => {
    assert.equal(withSelection('add a constructor that copies another instance'), 'completion');
    assert.equal(withSelection('add input checks to this'), 'refactor');
  });

  it('without a selection, tells orders and summaries apart from questions', () => {
    assert.equal(withoutSelection('give me the gist of this code: items.filter(Boolean).map(String)'), 'summarize');
    assert.equal(withoutSelection('this throws a NullPointerException, fix it: user.getName().trim()'), 'refactor');
    assert.equal(withoutSelection('scaffold a small flask api with one route'), 'completion');
  });
});
