import { execFile } from 'node:child_process';
import { join } from 'node:path';

/** A PDF's text and the address its QR code carries, read back by a real PDF parser and QR decoder. */
export function readPdf(content: Buffer): Promise<{ text: string; qr: string | undefined }> {
  return new Promise((resolve, reject) => {
    const child = execFile(process.execPath, [join(__dirname, 'read-pdf.cjs')], { maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${error.message}\n${stderr}`));
      else resolve(JSON.parse(stdout) as { text: string; qr: string | undefined });
    });
    child.stdin!.end(content);
  });
}
