import { Role } from '../../platform/auth/roles';

/** What the platform tells people by itself; each kind can be turned off for e-mail in « Mon compte ». */
export const NOTIFICATION_KINDS = ['DECLARATION_REMINDER', 'DECLARATIONS_WAITING', 'MARKET_BEHIND', 'MARKET_ENDING', 'EXIT_TO_VALIDATE'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const NOTIFICATION_KIND_LABELS: Record<NotificationKind, string> = {
  DECLARATION_REMINDER: 'Rappels de déclaration des heures du mois',
  DECLARATIONS_WAITING: 'Déclarations d’heures en attente de validation depuis plus de 7 jours',
  MARKET_BEHIND: 'Marchés passés en retard sur leur objectif',
  MARKET_ENDING: 'Marchés finissant dans les 60 jours sous 80 % de leur objectif',
  EXIT_TO_VALIDATE: 'Sorties en emploi à valider (six mois atteints)',
};

/** The kinds a role may receive: the preferences page offers only those. */
export const NOTIFICATION_KINDS_OF_ROLE: Partial<Record<Role, NotificationKind[]>> = {
  [Role.Company]: ['DECLARATION_REMINDER'],
  [Role.Facilitator]: ['DECLARATIONS_WAITING', 'MARKET_BEHIND', 'MARKET_ENDING', 'EXIT_TO_VALIDATE'],
};

/** A notification to write: one per person and fact. */
export interface NotificationToGive {
  userId: string;
  kind: NotificationKind;
  title: string;
  body: string;
  /** A path of the web application. */
  link: string;
}
