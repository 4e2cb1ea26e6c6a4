import assert from 'node:assert/strict';
import { authorized, configuredToken, isLoopback, tokenPolicyError } from '../../../server/src/gateway/auth';

describe('gateway auth', () => {
  it('knows loopback hosts', () => {
    for (const host of ['127.0.0.1', '127.8.9.1', '::1', 'localhost']) assert.ok(isLoopback(host), host);
    for (const host of ['0.0.0.0', '::', '192.168.1.2', 'example.com']) assert.ok(!isLoopback(host), host);
  });

  it('needs a token beyond loopback only', () => {
    assert.equal(tokenPolicyError('127.0.0.1', undefined), undefined);
    assert.equal(tokenPolicyError('0.0.0.0', 'a-long-enough-token'), undefined);
    assert.match(tokenPolicyError('0.0.0.0', undefined) ?? '', /LLM_ROUTER_GATEWAY_TOKEN/);
  });

  it('refuses a token of only spaces or shorter than 16 characters, naming the variable', () => {
    for (const raw of ['   ', 'short', '0123456789abcde ']) {
      for (const host of ['127.0.0.1', '0.0.0.0']) {
        assert.match(tokenPolicyError(host, configuredToken(raw)) ?? '', /LLM_ROUTER_GATEWAY_TOKEN .*at least 16/, `${host} ${JSON.stringify(raw)}`);
      }
    }
    assert.equal(tokenPolicyError('0.0.0.0', configuredToken('  0123456789abcdef  ')), undefined);
  });

  it('treats an unset or empty variable as no token, and trims the rest', () => {
    assert.equal(configuredToken(undefined), undefined);
    assert.equal(configuredToken(''), undefined);
    assert.equal(configuredToken(' 0123456789abcdef\n'), '0123456789abcdef');
  });

  it('checks the bearer token when one is set', () => {
    assert.ok(authorized(undefined, undefined));
    assert.ok(authorized('Bearer anything', undefined));
    assert.ok(authorized('Bearer s3cret', 's3cret'));
    assert.ok(authorized('bearer  s3cret ', 's3cret'));
    for (const header of [undefined, '', 's3cret', 'Bearer s3cre', 'Bearer s3cret2', 'Basic s3cret']) {
      assert.ok(!authorized(header, 's3cret'), String(header));
    }
  });

  it('also takes the token from x-api-key, as Anthropic clients send it', () => {
    assert.ok(authorized(undefined, 's3cret', 's3cret'));
    assert.ok(authorized('Bearer wrong', 's3cret', 's3cret'));
    for (const key of [undefined, '', 's3cre', 'Bearer s3cret']) assert.ok(!authorized(undefined, 's3cret', key), String(key));
  });
});
