import type { FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { InvalidError } from './domain-errors';

/** The largest file an import accepts. */
export const MAX_UPLOAD_BYTES = 1024 ** 3;

/**
 * Writes the multipart field `file` of the request to a temporary file and returns its path: a large file never sits
 * in memory. The caller deletes the file. A file over the limit is refused (413) by the multipart parser.
 */
export async function spoolUpload(request: FastifyRequest, field = 'file'): Promise<string> {
  const missing = () => InvalidError.field(field, `fichier CSV attendu (champ multipart « ${field} »)`);
  if (!request.isMultipart()) throw missing();
  const part = await request.file();
  if (!part || part.fieldname !== field) {
    part?.file.resume();
    throw missing();
  }
  const path = join(tmpdir(), `upload-${randomUUID()}`);
  try {
    await pipeline(part.file, createWriteStream(path));
  } catch (error) {
    await unlink(path).catch(() => undefined);
    throw error;
  }
  return path;
}

/** A Content-Disposition header that downloads under `name`, accents included (RFC 6266). */
export function attachment(name: string): string {
  const ascii = name.normalize('NFD').replace(/[^\x20-\x7e]/g, '').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}
