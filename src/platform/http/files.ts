import { PayloadTooLargeException } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { InvalidError } from './domain-errors';

/** What temporary upload files are named (in the system's temporary folder). */
export const UPLOAD_PREFIX = 'clause-tracker-upload-';

/**
 * Writes the multipart field `file` of the request to a temporary file and returns its path: a large file never sits
 * in memory. The caller deletes the file. A file past the multipart limit (UPLOAD_MAX_BYTES) is refused with 413 as
 * soon as the limit is passed: the file written so far is removed and the rest of the upload is not read.
 */
export async function spoolUpload(request: FastifyRequest, field = 'file'): Promise<SpooledUpload> {
  const missing = () => InvalidError.field(field, `fichier CSV attendu (champ multipart « ${field} »)`);
  if (!request.isMultipart()) throw missing();
  const part = await request.file();
  if (!part || part.fieldname !== field) {
    part?.file.resume();
    throw missing();
  }
  const path = join(tmpdir(), `${UPLOAD_PREFIX}${randomUUID()}`);
  const tooLarge = () => new PayloadTooLargeException();
  const output = createWriteStream(path);
  part.file.once('limit', () => output.destroy(tooLarge()));
  try {
    await pipeline(part.file, output);
    if (part.file.truncated) throw tooLarge();
  } catch (error) {
    await unlink(path).catch(() => undefined);
    throw error;
  }
  // The form's other fields sent before the file (a web form puts its choices first).
  const fields: Record<string, string> = {};
  for (const [name, value] of Object.entries(part.fields)) {
    const first = Array.isArray(value) ? value[0] : value;
    if (first && first.type === 'field' && typeof first.value === 'string') fields[name] = first.value;
  }
  return { path, fileName: part.filename || null, fields };
}

export interface SpooledUpload {
  /** The temporary file: the caller removes it. */
  path: string;
  fileName: string | null;
  fields: Record<string, string>;
}

/** A Content-Disposition header that downloads under `name`, accents included (RFC 6266). */
export function attachment(name: string): string {
  const ascii = name.normalize('NFD').replace(/[^\x20-\x7e]/g, '').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}
