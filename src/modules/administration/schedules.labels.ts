import { JobName, ScheduleRepeat } from '../../platform/queue/queues';

/** What each scheduled job does, as an administrator reads it. */
export const SCHEDULE_LABELS: Partial<Record<JobName, string>> = {
  [JobName.ReconcileFulfilment]: 'Rapprochement de la réalisation des marchés',
  [JobName.PruneOutbox]: 'Purge de la boîte d’envoi des événements',
  [JobName.RunReminders]: 'Rappels et alertes du jour (notifications et courriels)',
  [JobName.EraseInactiveParticipants]: 'Effacement des identités des participants inactifs',
};

/** « tous les jours à 07:00 (heure de Paris) », « toutes les 5 min ». */
export function repeatLabel(repeat: ScheduleRepeat): string {
  if ('every' in repeat) {
    const minutes = repeat.every / 60_000;
    if (minutes === 60) return 'toutes les heures';
    return minutes > 60 && minutes % 60 === 0 ? `toutes les ${minutes / 60} h` : `toutes les ${minutes} min`;
  }
  const [minute, hour, dayOfMonth, month, dayOfWeek] = repeat.pattern.split(' ');
  const daily = dayOfMonth === '*' && month === '*' && dayOfWeek === '*' && /^\d+$/.test(hour ?? '') && /^\d+$/.test(minute ?? '');
  return daily ? `tous les jours à ${hour!.padStart(2, '0')}:${minute!.padStart(2, '0')} (heure de Paris)` : `selon « ${repeat.pattern} » (${repeat.tz})`;
}
