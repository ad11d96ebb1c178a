import { declarationReminderDue, declaredMonthOf, digestOf, ReminderItem, shiftDay } from './reminders.rules';

const item = (overrides: Partial<ReminderItem> = {}): ReminderItem => ({
  userId: 'u1',
  email: 'a@b.fr',
  kind: 'MARKET_BEHIND',
  title: 'Marché M1 en retard',
  body: 'Le marché <M1> & co',
  link: '/marches/1',
  mutedKinds: [],
  ...overrides,
});

describe('declaration reminders', () => {
  it('declares the previous month, across a year', () => {
    expect(declaredMonthOf('2026-12-05')).toBe('2026-11');
    expect(declaredMonthOf('2027-01-05')).toBe('2026-12');
  });

  it('gives the first reminder from the 5th, never before', () => {
    expect(declarationReminderDue('2026-12-04', [])).toBeNull();
    expect(declarationReminderDue('2026-12-05', [])).toBe(1);
    expect(declarationReminderDue('2026-12-09', [])).toBe(1);
  });

  it('gives the next one a week after the last, three at most', () => {
    expect(declarationReminderDue('2026-12-11', ['2026-12-05'])).toBeNull();
    expect(declarationReminderDue('2026-12-12', ['2026-12-05'])).toBe(2);
    expect(declarationReminderDue('2026-12-20', ['2026-12-05', '2026-12-13'])).toBe(3);
    expect(declarationReminderDue('2026-12-31', ['2026-12-05', '2026-12-12', '2026-12-19'])).toBeNull();
  });

  it('moves days across months', () => {
    expect(shiftDay('2026-12-30', 7)).toBe('2027-01-06');
    expect(shiftDay('2024-03-01', -1)).toBe('2024-02-29');
  });
});

describe('daily digest', () => {
  it('says every item with its absolute link, in text and in escaped HTML', () => {
    const digest = digestOf('2026-12-05', [item(), item({ kind: 'MARKET_ENDING', title: 'Marché M2 : fin le 31/12/2026', link: '/marches/2' })], 'https://clause.example.fr')!;
    expect(digest.subject).toBe('Clause Tracker — 2 points à suivre le 05/12/2026');
    expect(digest.text).toContain('• Marché M1 en retard\n  Le marché <M1> & co\n  https://clause.example.fr/marches/1');
    expect(digest.text).toContain('https://clause.example.fr/marches/2');
    expect(digest.html).toContain('Le marché &lt;M1&gt; &amp; co');
    expect(digest.html).toContain('<a href="https://clause.example.fr/marches/2">');
    expect(digest.html).not.toContain('<M1>');
  });

  it('titles a single item by itself', () => {
    expect(digestOf('2026-12-05', [item()], 'http://x')!.subject).toBe('Clause Tracker — Marché M1 en retard');
  });

  it('leaves out the kinds the person turned off, and sends nothing when nothing is left', () => {
    const muted = ['MARKET_BEHIND'];
    const digest = digestOf('2026-12-05', [item({ mutedKinds: muted }), item({ kind: 'EXIT_TO_VALIDATE', title: 'Sortie à valider', mutedKinds: muted })], 'http://x')!;
    expect(digest.text).toContain('Sortie à valider');
    expect(digest.text).not.toContain('Marché M1');
    expect(digestOf('2026-12-05', [item({ mutedKinds: muted })], 'http://x')).toBeUndefined();
  });
});
