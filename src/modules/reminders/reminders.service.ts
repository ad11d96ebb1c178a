import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { AccessScope } from '../../platform/auth/principal';
import { parisDay } from '../../platform/clock';
import { AppConfig, publicUrl } from '../../platform/config/app-config';
import { ForbiddenError } from '../../platform/http/domain-errors';
import { MailOutbox } from '../../platform/mail/mail-outbox';
import { JobName } from '../../platform/queue/queues';
import { fromUnits, toUnits } from '../../platform/records/decimals';
import { ScheduledRuns } from '../../platform/schedules/scheduled-runs';
import { day as frenchDay, hours, monthName } from '../../platform/web/format';
import { fulfilmentFigures } from '../fulfilment/fulfilment.rules';
import { NotificationsService } from '../notifications/notifications.service';
import { EXIT_VALIDATION_MONTHS } from '../plie/plie.rules';
import { LateCompany, RemindersRepository } from './reminders.repository';
import {
  DECLARATION_DUE_DAY,
  declarationReminderDue,
  declaredMonthOf,
  DECLARATIONS_WAITING_DAYS,
  digestOf,
  ENDING_BELOW_SHARE_PERCENT,
  MAX_DECLARATION_REMINDERS,
  ReminderItem,
} from './reminders.rules';

/** A fact found for a structure's facilitators, before it is addressed to each of them. */
type StructureFact = Omit<ReminderItem, 'userId' | 'email' | 'mutedKinds'> & { structureId: string };

const plural = (count: number, word: string) => `${count} ${word}${count > 1 ? 's' : ''}`;

/**
 * The daily follow-up: finds what companies and facilitators must be told on a day, gives each fact once (as a
 * notification), and sends each person one e-mail for the day (a digest, without the kinds they turned off).
 */
@Injectable()
export class RemindersService {
  constructor(
    private readonly repository: RemindersRepository,
    private readonly notifications: NotificationsService,
    private readonly mail: MailOutbox,
    private readonly runs: ScheduledRuns,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  /** The reminders of `day` (AAAA-MM-JJ, Paris), once: a second run of the same day does nothing. */
  runDay(day: string): Promise<string | undefined> {
    return this.runs.once(JobName.RunReminders, day, (manager) => this.run(manager, day));
  }

  /** The reminders of today in France. */
  runToday(now: Date): Promise<string | undefined> {
    return this.runDay(parisDay(now));
  }

  /** Every reminder of `day`, in the caller's transaction; answers what was done, in French. */
  async run(manager: EntityManager, day: string): Promise<string> {
    const companyItems = await this.companyReminders(manager, day);
    const facilitatorItems = await this.address(manager, await this.facilitatorFacts(manager, day));
    const items = [...companyItems, ...facilitatorItems];
    await this.notifications.give(manager, items.map(({ userId, kind, title, body, link }) => ({ userId, kind, title, body, link })));
    const mails = await this.sendDigests(manager, day, items);
    const people = new Set(items.map((item) => item.userId)).size;
    return `${plural(items.length, 'notification')} pour ${plural(people, 'personne')} (${companyItems.length} rappel(s) aux entreprises, ${facilitatorItems.length} alerte(s) aux facilitateurs) ; ${plural(mails, 'courriel')}`;
  }

  /** A facilitator's companies late with a month's declarations (default: the month being declared today). */
  async lateDeclarations(scope: AccessScope, month: string, now: Date): Promise<LateCompany[]> {
    if (scope.kind !== 'structure') throw new ForbiddenError('Seul un facilitateur suit les déclarations de sa structure');
    const today = parisDay(now);
    // Before the due day, the month being declared is late for nobody.
    if (month === declaredMonthOf(today) && Number(today.slice(8, 10)) < DECLARATION_DUE_DAY) return [];
    return this.repository.lateCompanies(scope.structureId, `${month}-01`, month);
  }

  private async companyReminders(manager: EntityManager, day: string): Promise<ReminderItem[]> {
    const month = declaredMonthOf(day);
    const missing = await this.repository.companiesMissing(manager, `${month}-01`);
    const given = await this.repository.declarationRemindersGiven(manager, month);
    const accounts = groupBy(await this.repository.companyAccounts(manager, missing.map((company) => company.siret)), (account) => account.attachment);
    const due = missing.flatMap((company) => {
      const sequence = accounts.has(company.siret) ? declarationReminderDue(day, given.get(company.siret) ?? []) : null;
      return sequence === null ? [] : [{ company, sequence }];
    });
    const claimed = await this.repository.claim(manager, day, due.map(({ company, sequence }) => ({ kind: 'DECLARATION_REMINDER', subject: company.siret, period: month, sequence })));
    return due
      .filter(({ company }) => claimed.has(company.siret))
      .flatMap(({ company, sequence }) =>
        (accounts.get(company.siret) ?? []).map((account) => ({
          userId: account.id,
          email: account.email,
          mutedKinds: account.mutedKinds,
          kind: 'DECLARATION_REMINDER' as const,
          title: `Déclarez vos heures d’insertion de ${monthName(month)}`,
          body:
            `${plural(company.contracts, 'contrat')} de ${company.name} sur ${plural(company.markets, 'marché')} attend${company.contracts > 1 ? 'ent' : ''} ` +
            `la déclaration des heures de ${monthName(month)} (attendue le ${DECLARATION_DUE_DAY} du mois suivant). Rappel ${sequence} sur ${MAX_DECLARATION_REMINDERS}` +
            (sequence === MAX_DECLARATION_REMINDERS ? ' : sans déclaration, votre facilitateur en sera informé.' : '.'),
          link: `/entreprise/declaration?mois=${month}`,
        })),
      );
  }

  private async facilitatorFacts(manager: EntityManager, day: string): Promise<StructureFact[]> {
    const facts: StructureFact[] = [];
    for (const waiting of await this.repository.newlyWaitingDeclarations(manager, day)) {
      facts.push({
        structureId: waiting.structureId,
        kind: 'DECLARATIONS_WAITING',
        title: `${plural(waiting.waiting, 'déclaration')} d’heures à valider`,
        body: `${plural(waiting.waiting, 'déclaration')} d’entreprise attend${waiting.waiting > 1 ? 'ent' : ''} votre validation depuis plus de ${DECLARATIONS_WAITING_DAYS} jours (dont ${waiting.newly} depuis aujourd’hui).`,
        link: '/declarations',
      });
    }
    const today = new Date(`${day}T12:00:00Z`);
    const running = await this.repository.runningMarkets(manager, day);
    const statuses = running.map((market) => ({ market, figures: fulfilmentFigures({ objective: market.objective, realised: market.realised, startDate: market.startDate, endDate: market.endDate, today }) }));
    const behind = await this.repository.turnedBehind(manager, day, statuses.map(({ market, figures }) => ({ marketId: market.id, status: figures.status })));
    for (const { market, figures } of statuses.filter(({ market }) => behind.has(market.id))) {
      facts.push({
        structureId: market.structureId,
        kind: 'MARKET_BEHIND',
        title: `Marché ${market.ref} en retard`,
        body: `« ${market.title} » : ${hours(market.realised)} réalisées pour ${hours(figures.expectedToDate)} attendues à date (objectif ${hours(market.objective)}, fin le ${frenchDay(market.endDate)}).`,
        link: `/marches/${market.id}`,
      });
    }
    for (const market of await this.repository.newlyEndingMarkets(manager, day)) {
      const share = toUnits(market.objective) === 0n ? 0 : Number((toUnits(market.realised) * 1000n) / toUnits(market.objective)) / 10;
      facts.push({
        structureId: market.structureId,
        kind: 'MARKET_ENDING',
        title: `Marché ${market.ref} : fin le ${frenchDay(market.endDate)}`,
        body: `« ${market.title} » se termine le ${frenchDay(market.endDate)} avec ${hours(market.realised)} réalisées sur un objectif de ${hours(market.objective)} (${String(share).replace('.', ',')} %, sous ${ENDING_BELOW_SHARE_PERCENT} %) : il reste ${hours(fromUnits(toUnits(market.objective) - toUnits(market.realised), 2))} à réaliser.`,
        link: `/marches/${market.id}`,
      });
    }
    for (const exit of await this.repository.newlyDueExits(manager, day)) {
      facts.push({
        structureId: exit.structureId,
        kind: 'EXIT_TO_VALIDATE',
        title: `Sortie en emploi à valider (${exit.participantRef})`,
        body: `L’emploi de sortie du participant ${exit.participantRef} a atteint ${EXIT_VALIDATION_MONTHS} mois le ${frenchDay(exit.dueOn)} : validez sa sortie en emploi.`,
        link: `/sorties/${exit.stepId}`,
      });
    }
    return facts;
  }

  /** Each structure's facts, to each of its active facilitators. */
  private async address(manager: EntityManager, facts: StructureFact[]): Promise<ReminderItem[]> {
    const accounts = groupBy(await this.repository.facilitatorAccounts(manager, [...new Set(facts.map((fact) => fact.structureId))]), (account) => account.attachment);
    return facts.flatMap(({ structureId, ...fact }) => (accounts.get(structureId) ?? []).map((account) => ({ ...fact, userId: account.id, email: account.email, mutedKinds: account.mutedKinds })));
  }

  private async sendDigests(manager: EntityManager, day: string, items: ReminderItem[]): Promise<number> {
    let sent = 0;
    for (const [userId, own] of groupBy(items, (item) => item.userId)) {
      const digest = digestOf(day, own, publicUrl(this.config));
      if (!digest) continue;
      if (await this.mail.enqueue(manager, { to: own[0]!.email, userId, ...digest, dedupeKey: `digest:${userId}:${day}` })) sent += 1;
    }
    return sent;
  }
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) group.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}
