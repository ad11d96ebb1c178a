import { Injectable } from '@nestjs/common';
import type { ImportProgress } from '../../platform/records/record-importer';
import { integer } from '../../platform/web/format';

/** What a web page shows of an import under way. */
export interface ImportProgressView {
  phase: ImportProgress['phase'];
  label: string;
  /** 0 to 100: reading is 0–90 (by the bytes read), checking 92, writing 96, done 100. */
  percent: number;
  rows: number;
}

const LABELS: Record<ImportProgress['phase'], string> = {
  reading: 'Lecture du fichier',
  checking: 'Vérification des lignes',
  writing: 'Écriture',
  done: 'Terminé',
};

/** How long a finished or abandoned import's progress is kept. */
const KEPT_MS = 10 * 60_000;

export const PROGRESS_TOKEN = /^[A-Za-z0-9-]{8,64}$/;

export function progressView(progress: ImportProgress): ImportProgressView {
  const read = progress.totalBytes === 0 ? 1 : Math.min(1, progress.bytesRead / progress.totalBytes);
  const percent = { reading: Math.floor(read * 90), checking: 92, writing: 96, done: 100 }[progress.phase];
  return { phase: progress.phase, label: `${LABELS[progress.phase]} — ${integer(progress.rows)} ligne${progress.rows > 1 ? 's' : ''}`, percent, rows: progress.rows };
}

/**
 * The progress of the imports uploaded from the web page, by the token the page chose, readable by the account that
 * sent the file only. Kept in this process's memory: the page asks the process that runs its upload (one API process,
 * or sticky sessions behind a load balancer).
 */
@Injectable()
export class ImportProgressBoard {
  private readonly entries = new Map<string, { userId: string; view: ImportProgressView; at: number }>();

  /** The progress callback of an import sent with `token` by `userId`. */
  track(token: string, userId: string): (progress: ImportProgress) => void {
    this.forgetOld();
    return (progress) => this.entries.set(token, { userId, view: progressView(progress), at: Date.now() });
  }

  read(token: string, userId: string): ImportProgressView | undefined {
    const entry = this.entries.get(token);
    return entry && entry.userId === userId ? entry.view : undefined;
  }

  private forgetOld(): void {
    const before = Date.now() - KEPT_MS;
    for (const [token, entry] of this.entries) if (entry.at < before) this.entries.delete(token);
  }
}
