import { Initial1795916655233 } from './1795916655233-Initial';
import { ClauseTracking1795919739139 } from './1795919739139-ClauseTracking';
import { PliePathways1795925791050 } from './1795925791050-PliePathways';
import { Consolidation1795930912096 } from './1795930912096-Consolidation';
import { Reliability1796029383603 } from './1796029383603-Reliability';
import { Hardening1796031100000 } from './1796031100000-Hardening';
import { WebApplication1796100000000 } from './1796100000000-WebApplication';
import { PasswordChange1796110000000 } from './1796110000000-PasswordChange';
import { PlieExitDetails1796120000000 } from './1796120000000-PlieExitDetails';
import { PlieQuestionnaire1796130000000 } from './1796130000000-PlieQuestionnaire';
import { FollowUp1796140000000 } from './1796140000000-FollowUp';
import { OutboxNotify1796150000000 } from './1796150000000-OutboxNotify';
import { ImportRecords1796160000000 } from './1796160000000-ImportRecords';
import { AnnouncedChanges1796170000000 } from './1796170000000-AnnouncedChanges';

/** Every migration, in order. Listed explicitly so that the same list runs from `dist/` and under Jest. */
export const MIGRATIONS: (new () => unknown)[] = [Initial1795916655233, ClauseTracking1795919739139, PliePathways1795925791050, Consolidation1795930912096, Reliability1796029383603, Hardening1796031100000, WebApplication1796100000000, PasswordChange1796110000000, PlieExitDetails1796120000000, PlieQuestionnaire1796130000000, FollowUp1796140000000, OutboxNotify1796150000000, ImportRecords1796160000000, AnnouncedChanges1796170000000];
