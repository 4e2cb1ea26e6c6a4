import assert from 'node:assert/strict';
import { mentionsSelection, selectionNames } from '../../../server/src/classify/selection-mentions';

const words = (text: string): string[] => text.toLowerCase().match(/[\p{L}\p{N}_]+/gu) ?? [];
const SELECTED = 'def apply_discount(order, rate):\n    if rate > 1:\n        return order.subtotal\n    return order.subtotal * (1 - rate)\n';

describe('selectionNames', () => {
  it('collects the identifiers of the selection, lower-cased, without keywords and one- or two-letter names', () => {
    const names = selectionNames('const userId = getUser(x).id;\nreturn userId;');
    assert.deepEqual([...names].sort(), ['getuser', 'userid']);
  });
});

describe('mentionsSelection', () => {
  it('is true when a question names an identifier of the selected code without saying "this"', () => {
    assert.equal(mentionsSelection(words('why is rate compared to 1'), SELECTED), true);
    assert.equal(mentionsSelection(words('where does order.subtotal come from'), SELECTED), true);
  });

  it('is false for a question about something else, even one holding keywords of the selection', () => {
    assert.equal(mentionsSelection(words('how do I return two values from a def in python'), SELECTED), false);
    assert.equal(mentionsSelection(words("what's the difference between let and const"), SELECTED), false);
  });

  it('is false without a selection', () => {
    assert.equal(mentionsSelection(words('why is rate compared to 1'), ''), false);
  });
});
