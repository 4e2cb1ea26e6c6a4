import assert from 'node:assert/strict';
import { parseGatewayArgs, parseListen } from '../../../server/src/gateway/args';

describe('gateway command line', () => {
  it('reads [HOST:]PORT with loopback as the default host', () => {
    assert.deepEqual(parseListen('8080'), { host: '127.0.0.1', port: 8080 });
    assert.deepEqual(parseListen('0.0.0.0:0'), { host: '0.0.0.0', port: 0 });
    assert.deepEqual(parseListen('[::1]:9000'), { host: '::1', port: 9000 });
    for (const bad of ['', 'host:', ':80', '70000', 'a:b', '::1:80']) assert.throws(() => parseListen(bad), /expected \[HOST:\]PORT/, bad);
  });

  it('takes flags in either form', () => {
    assert.deepEqual(parseGatewayArgs(['--http', '127.0.0.1:0', '--storage=/tmp/x', '--settings', 's.json']), {
      host: '127.0.0.1',
      port: 0,
      storageDir: '/tmp/x',
      settingsFile: 's.json',
    });
  });

  it('refuses flags and words it does not know, naming every one', () => {
    const base = ['--http', '8080', '--storage', 'd'];
    assert.throws(() => parseGatewayArgs([...base, '--redis', 'redis://y']), (e: Error) =>
      /unknown arguments --redis redis:\/\/y/.test(e.message) && e.message.includes('usage:'));
    assert.throws(() => parseGatewayArgs([...base, '--verbose']), /unknown argument --verbose;/);
    assert.throws(() => parseGatewayArgs([...base, '--stdio']), /unknown argument --stdio;/);
    assert.throws(() => parseGatewayArgs([...base, '--port=9']), /unknown argument --port;/);
  });

  it('takes --postgres URL for a team gateway', () => {
    const args = parseGatewayArgs(['--http', '8080', '--storage', 'd', '--postgres', 'postgres://u@db:5432/router']);
    assert.equal(args.postgresUrl, 'postgres://u@db:5432/router');
    assert.throws(() => parseGatewayArgs(['--http', '8080', '--storage', 'd', '--postgres']), /--postgres needs a value/);
  });

  it('refuses a flag given twice', () => {
    assert.throws(() => parseGatewayArgs(['--http', '8080', '--storage', 'd', '--storage=e']), /--storage is given twice/);
  });

  it('says what is missing', () => {
    assert.throws(() => parseGatewayArgs(['--http', '8080']), /--storage is required/);
    assert.throws(() => parseGatewayArgs(['--storage', 'd']), /--http is required/);
    assert.throws(() => parseGatewayArgs(['--http', '--storage', 'd']), /--http needs a value/);
  });
});
