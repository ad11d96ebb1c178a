import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeWindows1252, detectEncoding, readText } from './text-encoding';

const directory = mkdtempSync(join(tmpdir(), 'ct-encoding-'));
const file = (name: string, bytes: Buffer) => {
  const path = join(directory, name);
  writeFileSync(path, bytes);
  return path;
};
const text = async (path: string) => {
  let all = '';
  for await (const chunk of readText(path, await detectEncoding(path))) all += chunk;
  return all;
};

describe('text encodings of imported files', () => {
  it('reads Windows-1252 as French Excel writes it, euro sign and curly apostrophe included', () => {
    expect(decodeWindows1252(Buffer.from([0x43, 0x6f, 0x6d, 0x6d, 0x75, 0x6e, 0x61, 0x75, 0x74, 0xe9, 0x20, 0x80, 0x92, 0x9c]))).toBe('Communauté €’œ');
  });

  it('tells UTF-8, UTF-16 with its BOM and Windows-1252 apart, and decodes each', async () => {
    const french = 'ref;name\nCC-EP;Communauté de communes d’Épernay\n';
    expect(await detectEncoding(file('utf8.csv', Buffer.from(french, 'utf8')))).toBe('utf-8');
    expect(await text(file('utf8.csv', Buffer.from(french, 'utf8')))).toBe(french);
    const utf16 = file('utf16.csv', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(french, 'utf16le')]));
    expect(await detectEncoding(utf16)).toBe('utf-16le');
    expect(await text(utf16)).toBe(french);
    const excel = file('excel.csv', Buffer.from(french.replace('’', "'"), 'latin1'));
    expect(await detectEncoding(excel)).toBe('windows-1252');
    expect(await text(excel)).toBe(french.replace('’', "'"));
  });
});
