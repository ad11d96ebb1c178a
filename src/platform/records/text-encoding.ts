import { createReadStream, ReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Readable, Transform } from 'node:stream';

/** The encodings a file may come in: UTF-8 (with or without BOM), UTF-16 with its BOM, else Windows-1252. */
export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

/**
 * Windows-1252's characters for bytes 0x80–0x9F, where it differs from Latin-1 (French Excel writes « € », « œ »,
 * « ’ » there). The five bytes it leaves undefined stay control characters, which the import refuses.
 */
const WINDOWS_1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

export function decodeWindows1252(bytes: Buffer): string {
  return bytes.toString('latin1').replace(/[\u0080-\u009f]/g, (character) => WINDOWS_1252_HIGH[character.charCodeAt(0) - 0x80]!);
}

/** Reads the whole file once to tell its encoding: a BOM says it; otherwise valid UTF-8 is UTF-8, anything else Windows-1252. */
export async function detectEncoding(path: string, signal?: AbortSignal): Promise<TextEncoding> {
  const file = await open(path, 'r');
  const head = Buffer.alloc(3);
  try {
    await file.read(head, 0, 3, 0);
  } finally {
    await file.close();
  }
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  const decoder = new TextDecoder('utf-8', { fatal: true });
  try {
    for await (const chunk of createReadStream(path, { signal })) decoder.decode(chunk as Buffer, { stream: true });
    decoder.decode();
    return 'utf-8';
  } catch (error) {
    // Only bytes that are not UTF-8 make it Windows-1252; a read that failed or was stopped is an error.
    if ((error as { code?: string }).code === 'ERR_ENCODING_INVALID_ENCODED_DATA') return 'windows-1252';
    throw error;
  }
}

/** The file's text, as a stream of strings, whatever it is encoded in. */
export function readText(path: string, encoding: TextEncoding, bytes: ReadStream = createReadStream(path)): Readable {
  if (encoding === 'utf-8') return bytes.setEncoding('utf8');
  const decoder = encoding === 'windows-1252' ? undefined : new TextDecoder(encoding, { fatal: false });
  return bytes.pipe(
    new Transform({
      readableObjectMode: true,
      transform(chunk: Buffer, _encoding, done) {
        done(null, decoder ? decoder.decode(chunk, { stream: true }) : decodeWindows1252(chunk));
      },
      flush(done) {
        done(null, decoder?.decode() ?? '');
      },
    }),
  );
}
