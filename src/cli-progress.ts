import type { ImportProgress } from './platform/records/record-importer';

const PHASES: Record<ImportProgress['phase'], string> = { reading: 'Lecture', checking: 'Vérification', writing: 'Écriture', done: 'Terminé' };
const BAR_WIDTH = 24;
/** Off a terminal (a log file, CI), a line at each phase and every so often while reading. */
const PLAIN_EVERY_MS = 5000;

const number = (value: number) => new Intl.NumberFormat('fr-FR').format(Math.round(value)).replace(/\u202f/g, ' ');
const duration = (ms: number) => (ms < 60_000 ? `${Math.max(1, Math.round(ms / 1000))} s` : `${Math.floor(ms / 60_000)} min ${String(Math.round((ms % 60_000) / 1000)).padStart(2, '0')} s`);

/** One line saying where an import stands: phase, bar and percentage while reading, rows, rate, time left. */
export function progressLine(progress: ImportProgress, elapsedMs: number): string {
  const phase = PHASES[progress.phase].padEnd(12);
  const rows = `${number(progress.rows)} lignes`;
  if (progress.phase === 'done') return `${phase} ${rows} en ${duration(elapsedMs)}`;
  if (progress.phase !== 'reading') return `${phase} ${rows}…`;
  const share = progress.totalBytes === 0 ? 1 : Math.min(1, progress.bytesRead / progress.totalBytes);
  const filled = Math.round(share * BAR_WIDTH);
  const rate = elapsedMs > 0 ? (progress.rows / elapsedMs) * 1000 : 0;
  const left = share > 0 && share < 1 ? ` · reste ${duration((elapsedMs / share) * (1 - share))}` : '';
  return `${phase} [${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}] ${String(Math.floor(share * 100)).padStart(3)} % · ${rows} · ${number(rate)} lignes/s${left}`;
}

/**
 * Prints an import's progress on `output` (standard error): redrawn in place on a terminal, plain lines otherwise
 * (each phase, and every few seconds while reading).
 */
export function progressPrinter(output: NodeJS.WriteStream, now: () => number = Date.now): (progress: ImportProgress) => void {
  const started = now();
  let lastPhase: ImportProgress['phase'] | undefined;
  let lastPlain = 0;
  return (progress) => {
    const line = progressLine(progress, now() - started);
    if (output.isTTY) {
      output.write(`\r\x1b[K${line}${progress.phase === 'done' ? '\n' : ''}`);
    } else if (progress.phase !== lastPhase || now() - lastPlain >= PLAIN_EVERY_MS) {
      output.write(`${line}\n`);
      lastPlain = now();
    }
    lastPhase = progress.phase;
  };
}
