import assert from 'node:assert/strict';
import { HttpError } from '../../../server/src/gateway/http-error';
import { checkedImageUrl, dataImageUrl, sniffImageType } from '../../../server/src/gateway/image-url';

const bytes = (...values: (number | string)[]) => Buffer.concat(values.map((v) => (typeof v === 'string' ? Buffer.from(v, 'latin1') : Buffer.from([v]))));

describe('gateway image URLs', () => {
  it('knows PNG, JPEG, GIF and WebP by their first bytes', () => {
    assert.equal(sniffImageType(bytes(0x89, 'PNG\r\n', 0x1a, '\n')), 'image/png');
    assert.equal(sniffImageType(bytes(0xff, 0xd8, 0xff, 0xdb)), 'image/jpeg');
    assert.equal(sniffImageType(bytes('GIF89a')), 'image/gif');
    assert.equal(sniffImageType(bytes('RIFF', 0, 0, 0, 0, 'WEBPVP8 ')), 'image/webp');
    assert.equal(sniffImageType(bytes('%PDF-1.7')), undefined);
  });

  it('keeps https URLs as given and writes base64 images as data URLs of their real type, without whitespace', () => {
    assert.equal(checkedImageUrl('https://example.com/a.png?x=1', 'p'), 'https://example.com/a.png?x=1');
    const gif = bytes('GIF89a', 1, 0, 1, 0).toString('base64');
    assert.equal(checkedImageUrl(`data:image/jpeg;base64,${gif.slice(0, 4)}\n${gif.slice(4)}`, 'p'), `data:image/gif;base64,${gif}`);
    assert.equal(dataImageUrl(gif, 'p'), `data:image/gif;base64,${gif}`);
  });

  it('refuses what no provider could read, naming the field', () => {
    for (const url of ['ftp://example.com/a.png', 'https://', 'data:image/png,notbase64', 'data:image/png;base64,', `data:image/png;base64,${Buffer.from('%PDF-1.7 a document').toString('base64')}`]) {
      assert.throws(() => checkedImageUrl(url, 'messages[0].content[1].image_url.url'), (e: HttpError) => e.status === 400 && e.param === 'messages[0].content[1].image_url.url', url);
    }
  });
});
