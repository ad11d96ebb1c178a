import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { createGzip } from 'node:zlib';
import type { ArchivedFile } from './imports.repository';

/**
 * A file as an import record keeps it: size, SHA-256 and the gzip of its bytes, read once in streaming. Compression
 * runs on libuv's thread pool, so it overlaps the import's own work when started with it.
 */
export function archive(path: string): Promise<ArchivedFile> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    const gzip = createGzip({ level: 6 });
    const chunks: Buffer[] = [];
    let sizeBytes = 0;
    const input = createReadStream(path);
    input.on('data', (chunk: Buffer | string) => {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      sizeBytes += bytes.length;
      hash.update(bytes);
    });
    input.on('error', reject);
    gzip.on('data', (chunk: Buffer) => chunks.push(chunk));
    gzip.on('error', reject);
    gzip.on('end', () => resolve({ sizeBytes, sha256: hash.digest('hex'), gzip: Buffer.concat(chunks) }));
    input.pipe(gzip);
  });
}
