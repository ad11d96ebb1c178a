import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '../../platform/auth/principal';
import { Role } from '../../platform/auth/roles';
import { Clock } from '../../platform/clock';
import { ConflictError, ForbiddenError, InvalidError, NotFoundError } from '../../platform/http/domain-errors';
import { Page, pageOf } from '../../platform/http/pagination';
import { OutboxService } from '../../platform/outbox/outbox.service';
import { JobName } from '../../platform/queue/queues';
import type { JobContext } from '../../platform/queue/worker-host';
import { isValidSiret } from '../../platform/validation/siret';
import { StructuresService } from '../structures/structures.service';
import { ConsolidationDiffDto, ConsolidationDto, ConsolidationListQuery, RequestConsolidationDto } from './dto/consolidation.dto';
import { Consolidation } from './consolidation.entity';
import { errorMessage } from '../../platform/logging/log-serializers';
import { ConsolidationRepository, Fingerprints, ScopeFilter, VisibleTo } from './consolidation.repository';
import { buildReport } from './consolidation.report';
import { changedFigures, ConsolidationReport, figuresFingerprint, ReportScope } from './consolidation.rules';

/** Who asks: an account, or the command line acting as national staff. */
export interface Requester {
  role: Role;
  structureId: string | null;
  siret: string | null;
  userId: string | null;
  label: string;
}

export function requesterOf(principal: Principal): Requester {
  return { role: principal.role, structureId: principal.structureId, siret: principal.siret, userId: principal.userId, label: principal.email };
}

export const COMMAND_LINE: Requester = { role: Role.National, structureId: null, siret: null, userId: null, label: 'ligne de commande' };

const SEES_EVERYTHING = [Role.Admin, Role.National];

/** Runs a worker may leave unfinished (it died) before the consolidation fails instead of starting again. */
const MAX_INTERRUPTIONS = 3;

const STATUS_LABELS: Record<string, string> = { QUEUED: 'en attente', RUNNING: 'en cours', DONE: 'terminée' };

@Injectable()
export class ConsolidationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: ConsolidationRepository,
    private readonly outbox: OutboxService,
    private readonly structures: StructuresService,
    private readonly clock: Clock,
  ) {}

  /** Records the request and its job in one transaction: the workers compute it, even if the queue is down now. */
  async request(requester: Requester, input: RequestConsolidationDto): Promise<ConsolidationDto> {
    const scope = await this.resolveScope(requester, input.scope ?? (await this.defaultScope(requester)));
    const consolidation = await this.dataSource.transaction(async (manager) => {
      const created = await this.repository.insert(manager, {
        year: input.year,
        scopeKind: scope.kind,
        scopeRef: scope.ref,
        scopeStructureId: scope.structureId,
        requestedBy: requester.userId,
        requestedByLabel: requester.label,
      });
      await this.outbox.add(manager, JobName.RunConsolidation, { consolidationId: created.id });
      return created;
    });
    return this.toDto(consolidation, new Map());
  }

  async get(requester: Requester, id: string): Promise<ConsolidationDto> {
    return (await this.toDtos([await this.load(requester, id)]))[0]!;
  }

  async list(requester: Requester, query: ConsolidationListQuery): Promise<Page<ConsolidationDto>> {
    const [rows, total] = await this.repository.list(this.visibleTo(requester), { year: query.year, scopeKind: query.scope }, (query.page - 1) * query.pageSize, query.pageSize);
    return pageOf(await this.toDtos(rows), total, query);
  }

  /** The snapshot's report; only a finished consolidation has one. */
  async report(requester: Requester, id: string): Promise<ConsolidationReport> {
    return this.reportOf(await this.load(requester, id));
  }

  /** The figures that changed from snapshot `fromId` to snapshot `toId`. */
  async diff(requester: Requester, fromId: string, toId: string): Promise<ConsolidationDiffDto> {
    const [from, to] = await Promise.all([this.load(requester, fromId), this.load(requester, toId)]);
    const [fromDto, toDto] = await this.toDtos([from, to]);
    return {
      from: fromDto!,
      to: toDto!,
      sameData: from.dataFingerprint === to.dataFingerprint && from.year === to.year && from.scopeKind === to.scopeKind && from.scopeRef === to.scopeRef,
      changes: changedFigures(this.reportOf(from), this.reportOf(to)),
    };
  }

  private reportOf(consolidation: Consolidation): ConsolidationReport {
    if (consolidation.status !== 'DONE') {
      throw new ConflictError(
        consolidation.status === 'FAILED'
          ? `La consolidation a échoué : ${consolidation.error ?? 'erreur inconnue'}`
          : `La consolidation n’est pas terminée (${consolidation.progress} %, ${consolidation.stage ?? 'en attente'})`,
      );
    }
    return consolidation.report as ConsolidationReport;
  }

  /** Puts a failed consolidation back in the queue (after the cause was fixed), with a new job. */
  async retry(requester: Requester, id: string): Promise<ConsolidationDto> {
    const consolidation = await this.load(requester, id);
    await this.dataSource.transaction(async (manager) => {
      if (!(await this.repository.requeue(manager, consolidation.id))) {
        throw new ConflictError(`Seule une consolidation en échec se relance : celle-ci est ${STATUS_LABELS[consolidation.status] ?? consolidation.status}`);
      }
      await this.outbox.add(manager, JobName.RunConsolidation, { consolidationId: consolidation.id });
    });
    return this.get(requester, id);
  }

  /**
   * The worker's part: computes the figures from the data in one consistent read and stores the snapshot once.
   * A job redelivered after a crash starts again from the data; one delivered after the snapshot was stored does
   * nothing. The job's events are applied once the consolidation is settled: done, or failed for good.
   */
  async run(consolidationId: string, job: JobContext): Promise<void> {
    const consolidation = await this.repository.start(consolidationId, this.clock.now(), MAX_INTERRUPTIONS);
    if (!consolidation) {
      await this.outbox.markApplied(undefined, job.eventIds);
      return;
    }
    const { finalAttempt } = job;
    try {
      const figures = await this.repository.compute(consolidation.year, this.scopeFilter(consolidation), (stage, progress) =>
        this.repository.progress(consolidationId, stage, progress),
      );
      await this.repository.progress(consolidationId, 'Enregistrement de l’instantané', 99);
      const report = buildReport(figures, {
        year: consolidation.year,
        scope: { kind: consolidation.scopeKind, ref: consolidation.scopeRef } as ReportScope,
        snapshotId: consolidation.id,
        generatedAt: this.clock.now(),
      });
      const previousSnapshotId = await this.repository.previousSnapshotId(consolidation);
      await this.repository.finish(consolidationId, {
        report,
        dataFingerprint: figures.dataFingerprint,
        figuresFingerprint: figuresFingerprint(report),
        previousSnapshotId,
        finishedAt: new Date(report.generatedAt),
      });
      await this.outbox.markApplied(undefined, job.eventIds);
    } catch (error) {
      const message = errorMessage(error);
      await this.repository.interrupted(consolidationId, message, finalAttempt).catch(() => undefined);
      if (finalAttempt) await this.outbox.markApplied(undefined, job.eventIds).catch(() => undefined);
      throw error;
    }
  }

  private scopeFilter(consolidation: Consolidation): ScopeFilter {
    if (consolidation.scopeKind === 'structure') return { kind: 'structure', value: consolidation.scopeStructureId! };
    if (consolidation.scopeKind === 'buyer') return { kind: 'buyer', value: consolidation.scopeRef! };
    return { kind: 'national' };
  }

  private async defaultScope(requester: Requester): Promise<ReportScope> {
    if (requester.role === Role.Facilitator) return { kind: 'structure', ref: (await this.structures.get({ kind: 'all' }, requester.structureId!)).ref };
    if (requester.role === Role.Buyer) return { kind: 'buyer', ref: requester.siret };
    return { kind: 'national', ref: null };
  }

  /** Checks the scope's reference and the caller's right to it; national staff and administrators may run any. */
  private async resolveScope(requester: Requester, scope: { kind: ReportScope['kind']; ref?: string | null }): Promise<ReportScope & { structureId: string | null }> {
    const ref = scope.ref?.trim() || null;
    switch (scope.kind) {
      case 'national':
        if (ref) throw InvalidError.field('scope.ref', 'doit être vide pour une consolidation nationale');
        if (!SEES_EVERYTHING.includes(requester.role)) throw new ForbiddenError('Seuls l’équipe nationale et les administrateurs consolident le national');
        return { kind: 'national', ref: null, structureId: null };
      case 'structure': {
        if (!ref) throw InvalidError.field('scope.ref', 'la référence de la structure est obligatoire');
        const structureId = (await this.structures.idsByRef()).get(ref.toUpperCase());
        if (!structureId) throw InvalidError.field('scope.ref', `structure « ${ref} » inconnue`);
        if (!SEES_EVERYTHING.includes(requester.role) && requester.structureId !== structureId) {
          throw new ForbiddenError('Un facilitateur ne consolide que sa propre structure');
        }
        return { kind: 'structure', ref: ref.toUpperCase(), structureId };
      }
      case 'buyer':
        if (!ref || !isValidSiret(ref)) throw InvalidError.field('scope.ref', 'doit être le SIRET de l’acheteur : 14 chiffres avec une clé de contrôle correcte');
        if (!SEES_EVERYTHING.includes(requester.role) && requester.siret !== ref) throw new ForbiddenError('Un acheteur ne consolide que ses propres marchés');
        return { kind: 'buyer', ref, structureId: null };
    }
  }

  private visibleTo(requester: Requester): VisibleTo {
    if (requester.role === Role.Facilitator) return { structureId: requester.structureId! };
    if (requester.role === Role.Buyer) return { buyerSiret: requester.siret! };
    return {};
  }

  /** A consolidation the caller may read, or not found (another structure's or buyer's does not exist for them). */
  private async load(requester: Requester, id: string): Promise<Consolidation> {
    const consolidation = await this.repository.find(id);
    const visible = this.visibleTo(requester);
    const readable =
      consolidation &&
      (visible.structureId ? consolidation.scopeKind === 'structure' && consolidation.scopeStructureId === visible.structureId : true) &&
      (visible.buyerSiret ? consolidation.scopeKind === 'buyer' && consolidation.scopeRef === visible.buyerSiret : true);
    if (!readable) throw new NotFoundError('Consolidation');
    return consolidation;
  }

  /** The answers for these consolidations, compared with their previous snapshots (read in one query, without reports). */
  private async toDtos(consolidations: Consolidation[]): Promise<ConsolidationDto[]> {
    const previousIds = consolidations.map((consolidation) => consolidation.previousSnapshotId).filter((id): id is string => id !== null);
    const previous = await this.repository.fingerprints(previousIds);
    return consolidations.map((consolidation) => this.toDto(consolidation, previous));
  }

  private toDto(consolidation: Consolidation, fingerprints: Map<string, Fingerprints>): ConsolidationDto {
    const previous = consolidation.previousSnapshotId ? fingerprints.get(consolidation.previousSnapshotId) : undefined;
    const sameData = previous ? previous.dataFingerprint === consolidation.dataFingerprint : null;
    const sameFigures = previous ? previous.figuresFingerprint === consolidation.figuresFingerprint : null;
    const base = `/consolidations/${consolidation.id}/report`;
    return {
      id: consolidation.id,
      year: consolidation.year,
      scope: { kind: consolidation.scopeKind as ReportScope['kind'], ref: consolidation.scopeRef },
      status: consolidation.status,
      progress: consolidation.progress,
      stage: consolidation.stage,
      attempts: consolidation.attempts,
      error: consolidation.error,
      requestedBy: consolidation.requestedByLabel,
      requestedAt: consolidation.requestedAt.toISOString(),
      startedAt: consolidation.startedAt?.toISOString() ?? null,
      finishedAt: consolidation.finishedAt?.toISOString() ?? null,
      dataFingerprint: consolidation.dataFingerprint,
      previousSnapshotId: consolidation.previousSnapshotId,
      sameDataAsPrevious: sameData,
      sameFiguresAsPrevious: sameFigures,
      summary: this.summary(consolidation, sameData, sameFigures),
      reports: consolidation.status === 'DONE' ? { json: `${base}.json`, csv: `${base}.csv`, xlsx: `${base}.xlsx`, html: `${base}.html` } : null,
    };
  }

  private summary(consolidation: Consolidation, sameData: boolean | null, sameFigures: boolean | null): string {
    switch (consolidation.status) {
      case 'QUEUED':
        return consolidation.error ? `En attente d’un nouvel essai après une erreur : ${consolidation.error}` : 'En attente d’un worker';
      case 'RUNNING':
        return `En cours (${consolidation.progress} %) : ${consolidation.stage ?? 'démarrage'}`;
      case 'FAILED':
        return `Échec : ${consolidation.error ?? 'erreur inconnue'}`;
    }
    if (sameData === null) return 'Terminée : premier instantané de cette année et de ce périmètre';
    if (sameData && sameFigures) return `Terminée : données inchangées depuis l’instantané ${consolidation.previousSnapshotId}, chiffres identiques`;
    if (sameFigures) return `Terminée : données modifiées depuis l’instantané ${consolidation.previousSnapshotId}, mais chiffres identiques`;
    return `Terminée : des chiffres ont changé depuis l’instantané ${consolidation.previousSnapshotId} (voir /consolidations/${consolidation.previousSnapshotId}/diff/${consolidation.id})`;
  }
}
