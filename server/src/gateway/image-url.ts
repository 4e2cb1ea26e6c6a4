// Images a caller sends (OpenAI `image_url`, Anthropic `image` blocks), checked before any
// provider call: an unreadable or oversized image would otherwise cost a failed call, or
// one attempt per fallback model. Both providers take PNG, JPEG, GIF and WebP.
import { invalidRequest } from './http-error';

/** Decoded bytes per image: above what OpenAI (20 MB) and Anthropic (5 MB on its API) take. */
export const MAX_IMAGE_BYTES = 20 * 1024 * 1024;

export const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'] as const;
export type ImageType = (typeof IMAGE_TYPES)[number];

const DATA_URL = /^data:([^;,]*)((?:;[^;,]*)*),(.*)$/s;

/**
 * The image as an `https:` URL or a `data:image/...;base64,` URL the adapters can send on,
 * or a 400 naming `param`. A data URL's declared type is taken from its bytes, since the
 * Anthropic API refuses an image whose bytes and type disagree.
 */
export function checkedImageUrl(url: string, param: string): string {
  if (/^https:\/\/\S+$/i.test(url)) return url;
  const data = DATA_URL.exec(url);
  if (!data) throw invalidRequest(`Invalid '${param}': expected an https URL or a data:image/...;base64 URL`, param, 'invalid_image');
  if (!/;base64$/i.test(data[2])) throw invalidRequest(`Invalid '${param}': a data URL image must be base64 (";base64,")`, param, 'invalid_image');
  return dataImageUrl(data[3], param);
}

/** An image given as base64 bytes (Anthropic's `source.type: base64`), as a data URL. */
export function dataImageUrl(base64: string, param: string): string {
  const bytes = base64Image(base64, param);
  const type = sniffImageType(Buffer.from(bytes.slice(0, 24), 'base64'));
  if (!type) throw invalidRequest(`Invalid '${param}': the data is not a PNG, JPEG, GIF or WebP image`, param, 'invalid_image');
  return `data:${type};base64,${bytes}`;
}

/** The base64 text without whitespace, checked to be base64 and within the size limit. */
function base64Image(text: string, param: string): string {
  const compact = text.replace(/\s+/g, '');
  if (compact === '' || compact.length % 4 === 1 || !/^[A-Za-z0-9+/]+={0,2}$/.test(compact)) {
    throw invalidRequest(`Invalid '${param}': the image data is not base64`, param, 'invalid_image');
  }
  const decoded = Math.floor((compact.replace(/=+$/, '').length * 3) / 4);
  if (decoded > MAX_IMAGE_BYTES) {
    throw invalidRequest(`Invalid '${param}': the image is ${decoded} bytes, above the gateway's limit of ${MAX_IMAGE_BYTES}`, param, 'image_too_large');
  }
  return compact;
}

/** The image type its first bytes (magic numbers) say, or undefined. */
export function sniffImageType(head: Buffer): ImageType | undefined {
  if (head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'image/jpeg';
  if (head.subarray(0, 4).toString('latin1') === 'GIF8') return 'image/gif';
  if (head.subarray(0, 4).toString('latin1') === 'RIFF' && head.subarray(8, 12).toString('latin1') === 'WEBP') return 'image/webp';
  return undefined;
}
