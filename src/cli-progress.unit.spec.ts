import { progressLine, progressPrinter } from './cli-progress';
import { progressView } from './modules/imports/import-progress.board';

describe('an import’s progress', () => {
  it('draws the reading as a bar with rows, rate and time left, then each phase', () => {
    const reading = { phase: 'reading' as const, rows: 50_000, bytesRead: 2_500_000, totalBytes: 10_000_000 };
    expect(progressLine(reading, 2000)).toBe('Lecture      [######------------------]  25 % · 50 000 lignes · 25 000 lignes/s · reste 6 s');
    expect(progressLine({ ...reading, phase: 'checking', bytesRead: 10_000_000 }, 9000)).toBe('Vérification 50 000 lignes…');
    expect(progressLine({ ...reading, phase: 'done' }, 75_000)).toBe('Terminé      50 000 lignes en 1 min 15 s');
  });

  it('redraws one line on a terminal, and writes plain lines elsewhere: each phase, and every five seconds', () => {
    let now = 0;
    const written: string[] = [];
    const output = (isTTY: boolean) => ({ isTTY, write: (text: string) => written.push(text) }) as unknown as NodeJS.WriteStream;
    const plain = progressPrinter(output(false), () => now);
    const step = (phase: 'reading' | 'checking' | 'done', at: number) => {
      now = at;
      plain({ phase, rows: at, bytesRead: at, totalBytes: 10_000 });
    };
    step('reading', 0);
    step('reading', 1000);
    step('reading', 6000);
    step('checking', 6500);
    step('done', 7000);
    expect(written.map((line) => line.split(' ')[0])).toEqual(['Lecture', 'Lecture', 'Vérification', 'Terminé']);
    written.length = 0;
    const terminal = progressPrinter(output(true), () => now);
    terminal({ phase: 'reading', rows: 1, bytesRead: 1, totalBytes: 10 });
    terminal({ phase: 'done', rows: 1, bytesRead: 10, totalBytes: 10 });
    expect(written[0]!.startsWith('\r\x1b[K')).toBe(true);
    expect(written[1]!.endsWith('\n')).toBe(true);
  });

  it('gives the web page a percentage: reading to 90 %, then checking, writing, done', () => {
    const base = { rows: 1200, bytesRead: 500, totalBytes: 1000 };
    expect(progressView({ phase: 'reading', ...base })).toEqual({ phase: 'reading', label: 'Lecture du fichier — 1\u202f200 lignes', percent: 45, rows: 1200 });
    expect(progressView({ phase: 'checking', ...base }).percent).toBe(92);
    expect(progressView({ phase: 'writing', ...base }).percent).toBe(96);
    expect(progressView({ phase: 'done', ...base }).percent).toBe(100);
  });
});
