import assert from 'node:assert/strict';
import { refuseBrowserRequests } from '../../../server/src/gateway/browser-guard';
import { HttpError } from '../../../server/src/gateway/http-error';

const json = { host: '127.0.0.1:8787', 'content-type': 'application/json' };
const status = (fn: () => void) => {
  try {
    fn();
    return 200;
  } catch (e) {
    return (e as HttpError).status;
  }
};

describe('gateway browser guard', () => {
  it('lets an API client through: JSON body, loopback host, no Origin', () => {
    assert.equal(status(() => refuseBrowserRequests('POST', json, '127.0.0.1')), 200);
    assert.equal(status(() => refuseBrowserRequests('POST', { ...json, host: 'localhost:8787' }, '127.0.0.1')), 200);
    assert.equal(status(() => refuseBrowserRequests('GET', { host: '[::1]:8787' }, '::1')), 200);
  });

  it('refuses a request a web page sent (it carries an Origin header)', () => {
    assert.equal(status(() => refuseBrowserRequests('POST', { ...json, origin: 'https://evil.example' }, '127.0.0.1')), 403);
  });

  it('refuses a foreign Host on a loopback gateway, which is what DNS rebinding produces', () => {
    assert.equal(status(() => refuseBrowserRequests('GET', { host: 'evil.example:8787' }, '127.0.0.1')), 403);
  });

  it('accepts any Host when deliberately bound beyond loopback (the token guards it there)', () => {
    assert.equal(status(() => refuseBrowserRequests('POST', { ...json, host: 'router.lan:8787' }, '0.0.0.0')), 200);
  });

  it('refuses a POST body that is not declared JSON (a cross-site "simple" request)', () => {
    assert.equal(status(() => refuseBrowserRequests('POST', { ...json, 'content-type': 'text/plain' }, '127.0.0.1')), 415);
    assert.equal(status(() => refuseBrowserRequests('POST', { host: '127.0.0.1:1' }, '127.0.0.1')), 415);
  });
});
