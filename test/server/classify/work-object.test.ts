import assert from 'node:assert/strict';
import { addsToExisting, namesPieceToWrite, objectOfOpening, ownsProject, pointsAtUnit, thingMade } from '../../../server/src/classify/work-object';

const words = (text: string): string[] => text.toLowerCase().match(/[\p{L}\p{N}_]+/gu) ?? [];

describe('objectOfOpening', () => {
  it('reads a new thing after the opening verb from its determiner', () => {
    for (const text of ['add a method that clears the cache', 'please write me an enum for the states', 'create another endpoint']) {
      assert.equal(objectOfOpening(words(text)), 'new', text);
    }
  });

  it('reads code that exists after the opening verb from its determiner, in other languages too', () => {
    for (const text of ['sort the imports', 'can you make this shorter', 'clean up my handler', 'simplifica la función']) {
      assert.equal(objectOfOpening(words(text)), 'existing', text);
    }
  });

  it('says nothing when no determiner follows the verb', () => {
    assert.equal(objectOfOpening(words('memoize everything')), undefined);
    assert.equal(objectOfOpening(words('')), undefined);
  });
});

describe('namesPieceToWrite', () => {
  it('is true for a piece of code named with what it must do, without a verb', () => {
    for (const text of ['a function to merge two sorted arrays', 'code that pings the health endpoint', 'sql for monthly signups', 'small bash script to rotate logs']) {
      assert.equal(namesPieceToWrite(words(text)), true, text);
    }
  });

  it('is false for a sentence that opens with a verb, a question or "this"', () => {
    for (const text of ['explain the function to me', 'what does this function to do', 'this function is slow', 'the function']) {
      assert.equal(namesPieceToWrite(words(text)), false, text);
    }
  });
});

describe('addsToExisting', () => {
  it('is true when what is added is behaviour of the code that is there', () => {
    for (const text of ['add a null check', 'add proper error handling here', 'please add type hints', 'add a retry with backoff']) {
      assert.equal(addsToExisting(words(text)), true, text);
    }
  });

  it('is false when a whole new piece is added, whatever it does', () => {
    for (const text of ['add a method that handles errors', 'add a test for the retry', 'write a new component']) {
      assert.equal(addsToExisting(words(text)), false, text);
    }
  });
});

describe('thingMade', () => {
  it('tells a whole program to make from one piece to hand over, by the first noun after the verb', () => {
    assert.equal(thingMade(words('create a new java workspace that calls a weather api')), 'project');
    assert.equal(thingMade(words('generate a starter for a laravel app')), 'project');
    assert.equal(thingMade(words('generate a dockerfile for a node app')), 'piece');
    assert.equal(thingMade(words('write a stored procedure that archives old orders')), 'piece');
  });

  it('says nothing without a verb of making', () => {
    assert.equal(thingMade(words('how do dockerfiles work')), undefined);
  });
});

describe('thingMade: tests and the editor', () => {
  it('reads tests as tests, and "vs code" as the editor, not code to write', () => {
    assert.equal(thingMade(words('generate unit tests for the cart')), 'tests');
    assert.equal(thingMade(words('create a vs code extension that counts words')), 'project');
  });
});

describe('ownsProject', () => {
  it('is true when the request speaks of a program the user has', () => {
    for (const text of ['getting ECONNRESET randomly from my node app', 'our api returns 500 on login', 'the swift app crashes on launch']) {
      assert.equal(ownsProject(words(text)), true, text);
    }
  });

  it('is false for a program to build, or a possessive of something else', () => {
    for (const text of ['a todo app in react', 'create a new api for orders', 'a site for my book club']) {
      assert.equal(ownsProject(words(text)), false, text);
    }
  });
});

describe('pointsAtUnit', () => {
  it('is true when a code noun is pointed at as existing', () => {
    assert.equal(pointsAtUnit(words('add a loading state to this component')), true);
    assert.equal(pointsAtUnit(words('destructure price in the callback')), true);
    assert.equal(pointsAtUnit(words('make the function pure')), true);
  });

  it('is false for a piece to be written', () => {
    assert.equal(pointsAtUnit(words('a function to convert rows to csv')), false);
  });
});
