import { UserAccount } from './modules/accounts/user.entity';
import { Award } from './modules/awards/award.entity';
import { Buyer } from './modules/buyers/buyer.entity';
import { Company } from './modules/companies/company.entity';
import { Consolidation } from './modules/consolidation/consolidation.entity';
import { AwardFulfilment, MarketChange, MarketFulfilment, MarketFulfilmentMonth } from './modules/fulfilment/fulfilment.entities';
import { HoursEntry } from './modules/hours/hours-entry.entity';
import { Market } from './modules/markets/market.entity';
import { Operation } from './modules/operations/operation.entity';
import { Participant } from './modules/participants/participant.entity';
import { PliePathway, PlieStep } from './modules/plie/plie.entities';
import { PlieAnnualFigure } from './modules/plie-questionnaire/questionnaire.entity';
import { Structure } from './modules/structures/structure.entity';
import { WorkContract } from './modules/work-contracts/work-contract.entity';
import { Attestation } from './modules/attestations/attestation.entity';
import { ImportFile } from './modules/imports/import-file.entity';
import { ParticipantErasure } from './modules/participants/participant-erasure.entity';
import { MarketWatch, Reminder } from './modules/reminders/reminder.entities';
import { MailMessage } from './platform/mail/mail-message.entity';
import { Notification } from './platform/notifications/notification.entity';
import { ScheduledRun } from './platform/schedules/scheduled-run.entity';
import { AuditEntry } from './platform/audit/audit-entry.entity';
import { IdempotencyKey } from './platform/http/idempotency-key.entity';
import { OutboxEvent } from './platform/outbox/outbox-event.entity';

/** Every entity mapped by TypeORM: the schema that migrations must match (checked by the drift test). */
export const ENTITIES = [
  OutboxEvent,
  AuditEntry,
  IdempotencyKey,
  Structure,
  UserAccount,
  Buyer,
  Operation,
  Market,
  Company,
  Award,
  Participant,
  WorkContract,
  HoursEntry,
  PliePathway,
  PlieStep,
  PlieAnnualFigure,
  MarketFulfilment,
  MarketFulfilmentMonth,
  MarketChange,
  AwardFulfilment,
  Consolidation,
  MailMessage,
  Notification,
  ScheduledRun,
  Reminder,
  MarketWatch,
  Attestation,
  ParticipantErasure,
  ImportFile,
];
