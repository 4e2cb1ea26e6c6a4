import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  decodeStoredKeys, describeKeyCount, encodeStoredKeys, isValidProviderId, mergeKeys, parseKeyInput,
} from '../../../client/src/secrets/keyInput';
import { providerSchema } from '../../../shared/settings';

describe('parseKeyInput', () => {
  it('splits comma-separated keys, trimming blanks and dropping repeats', () => {
    assert.deepEqual(parseKeyInput(' sk-one , sk-two,,sk-one '), { ok: true, keys: ['sk-one', 'sk-two'] });
  });

  it('rejects input without any key', () => {
    assert.equal(parseKeyInput(' , ').ok, false);
  });

  it('rejects a key with a space inside, which is a missing comma more likely than a key', () => {
    assert.equal(parseKeyInput('sk-one sk-two').ok, false);
  });
});

describe('stored keys', () => {
  it('round-trip through the JSON array kept in SecretStorage', () => {
    fc.assert(fc.property(fc.array(fc.string({ minLength: 1 })), (keys) => {
      assert.deepEqual(decodeStoredKeys(encodeStoredKeys(keys)), keys);
    }));
  });

  it('treat a bare string written by hand as one key', () => {
    assert.deepEqual(decodeStoredKeys('sk-plain'), ['sk-plain']);
  });

  it('decode nothing stored as no keys', () => {
    assert.deepEqual(decodeStoredKeys(undefined), []);
  });

  it('merge added keys after the existing ones without repeats', () => {
    assert.deepEqual(mergeKeys(['a', 'b'], ['b', 'c']), ['a', 'b', 'c']);
  });

  it('are described by count only, never by value', () => {
    assert.equal(describeKeyCount(0), 'no key stored');
    assert.equal(describeKeyCount(1), '1 key stored');
    assert.equal(describeKeyCount(3), '3 keys stored');
  });
});

describe('isValidProviderId', () => {
  it('agrees with the provider id rule of the settings schema', () => {
    const idSchema = providerSchema.shape.id;
    const samples = ['openai', 'my-proxy_2.local', 'a b', 'x/y', '', 'ünïcode', 'UPPER', '.', 'tab\tid'];
    fc.assert(fc.property(fc.oneof(fc.constantFrom(...samples), fc.string()), (id) => {
      assert.equal(isValidProviderId(id), idSchema.safeParse(id).success, `for "${id}"`);
    }));
  });
});
