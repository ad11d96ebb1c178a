import { Injectable } from '@nestjs/common';
import type { AccessScope } from '../../platform/auth/principal';
import { ForbiddenError, InvalidError, NotFoundError } from '../../platform/http/domain-errors';
import { fileColumn, RecordDefinition } from '../../platform/records/record-definition';
import { ImportOutcome, ImportPlan, ImportProgress, RecordImporter } from '../../platform/records/record-importer';
import { Actor, SystemValues } from '../../platform/records/record-store';
import { AWARDS } from '../awards/awards.record';
import { BUYERS } from '../buyers/buyers.record';
import { COMPANIES } from '../companies/companies.record';
import { FulfilmentService } from '../fulfilment/fulfilment.service';
import { HOURS, VALIDATED_BY_ACTOR } from '../hours/hours.record';
import { MARKETS } from '../markets/markets.record';
import { OPERATIONS } from '../operations/operations.record';
import { PARTICIPANTS } from '../participants/participants.record';
import { PLIE_PATHWAYS, PLIE_STEPS } from '../plie/plie.record';
import { PLIE_ANNUAL_DATA } from '../plie-questionnaire/questionnaire.record';
import { STRUCTURES_IMPORT } from '../structures/structures.record';
import { StructuresService } from '../structures/structures.service';
import { WORK_CONTRACTS } from '../work-contracts/work-contracts.record';
import { IMPORT_EXAMPLES, IMPORT_KINDS, ImportKind } from './imports.rules';
import { archive } from './import-archive';
import { ImportProgressBoard, ImportProgressView, PROGRESS_TOKEN } from './import-progress.board';
import { ImportRecord, ImportRun, ImportsRepository } from './imports.repository';
import { gunzipSync } from 'node:zlib';
import { Page, pageOf, PageQuery } from '../../platform/http/pagination';

interface KindPlan {
  definition: RecordDefinition;
  /** Columns the import sets beyond the file: imported hours are historical, hence validated. */
  system?: SystemValues;
  /** Whether these records change market fulfilment (recomputed for each structure the file touched). */
  changesFulfilment: boolean;
}

const PLANS: Record<Exclude<ImportKind, 'structures'>, KindPlan> = {
  buyers: { definition: BUYERS, changesFulfilment: false },
  operations: { definition: OPERATIONS, changesFulfilment: false },
  markets: { definition: MARKETS, changesFulfilment: true },
  companies: { definition: COMPANIES, changesFulfilment: false },
  awards: { definition: AWARDS, changesFulfilment: true },
  participants: { definition: PARTICIPANTS, changesFulfilment: false },
  work_contracts: { definition: WORK_CONTRACTS, changesFulfilment: true },
  hours: { definition: HOURS, system: VALIDATED_BY_ACTOR, changesFulfilment: true },
  plie_pathways: { definition: PLIE_PATHWAYS, changesFulfilment: false },
  plie_steps: { definition: PLIE_STEPS, changesFulfilment: false },
  plie_annual_data: { definition: PLIE_ANNUAL_DATA, changesFulfilment: false },
};

/** An import's number as a path gives it (a bigint): anything else is no import. */
const isImportNumber = (id: string) => /^\d{1,18}$/.test(id);

export type ImportAnswer = { kind: ImportKind } & ImportOutcome;

/** Who imports: a facilitator into its structure; an administrator (API) or an operator (CLI) into any. */
export interface Importer {
  scope: AccessScope;
  actor: Actor;
  /** Stops the import, writing nothing (an API client that disconnected). */
  signal?: AbortSignal;
  /** The uploaded file's name, kept in the structure's list of imports. */
  fileName?: string;
  /** Told where the import stands (the command line's progress bar, the web page's). */
  progress?: (progress: ImportProgress) => void;
}

@Injectable()
export class ImportsService {
  constructor(
    private readonly importer: RecordImporter,
    private readonly structures: StructuresService,
    private readonly fulfilment: FulfilmentService,
    private readonly repository: ImportsRepository,
    private readonly board: ImportProgressBoard,
  ) {}

  /** The progress callback of a web upload named by `token` (none for a token that is not one). */
  trackProgress(token: unknown, userId: string): ((progress: ImportProgress) => void) | undefined {
    return typeof token === 'string' && PROGRESS_TOKEN.test(token) ? this.board.track(token, userId) : undefined;
  }

  /** Where the web upload named by `token` stands, for the account that sent it. */
  progressOf(token: string, userId: string): ImportProgressView | undefined {
    return this.board.read(token, userId);
  }

  /**
   * A kind's template file: its columns and one example line, `;`-separated with a byte-order mark, as French
   * spreadsheets open and save it.
   */
  template(kind: string): { fileName: string; csv: string } {
    if (!(IMPORT_KINDS as readonly string[]).includes(kind)) throw new NotFoundError(`Modèle « ${kind} »`);
    const importKind = kind as ImportKind;
    const definition = importKind === 'structures' ? STRUCTURES_IMPORT : PLANS[importKind].definition;
    const lines = [Object.keys(definition.fields).map((field) => fileColumn(definition, field)), IMPORT_EXAMPLES[importKind]].map((cells) => cells.join(';'));
    return { fileName: `modele-${kind}.csv`, csv: `\uFEFF${lines.join('\r\n')}\r\n` };
  }

  /** A structure's last accepted imports, newest first. */
  recent(structureId: string, limit: number): Promise<ImportRun[]> {
    return this.repository.recent(structureId, limit);
  }

  /** The imports a facilitator's structure received, or every import for an administrator; newest first. */
  async list(scope: AccessScope, query: PageQuery): Promise<Page<ImportRecord>> {
    const [items, total] = await this.repository.list(scope, (query.page - 1) * query.pageSize, query.pageSize);
    return pageOf(items, total, query);
  }

  async get(scope: AccessScope, id: string): Promise<ImportRecord> {
    const record = isImportNumber(id) ? await this.repository.get(scope, id) : undefined;
    if (!record) throw new NotFoundError(`Import n° ${id}`);
    return record;
  }

  /** The file of an import as it was sent. */
  async file(scope: AccessScope, id: string): Promise<{ fileName: string; content: Buffer }> {
    const file = isImportNumber(id) ? await this.repository.file(scope, id) : undefined;
    if (!file) throw new NotFoundError(`Import n° ${id}`);
    return { fileName: file.fileName ?? `import-${id}-${file.kind}.csv`, content: gunzipSync(file.gzip) };
  }

  /**
   * Imports a CSV file of one kind, all or nothing, as `IMPORT-FORMATS.md` says. An accepted file is recorded as one
   * act (who, when, the file itself, its counts and duration); the records it creates carry that record's id.
   */
  async run(kind: string, path: string, who: Importer, structureRef?: string): Promise<ImportAnswer> {
    if (!(IMPORT_KINDS as readonly string[]).includes(kind)) {
      throw InvalidError.field('kind', `type d’import inconnu « ${kind} » : possibles ${IMPORT_KINDS.join(', ')}`);
    }
    const importKind = kind as ImportKind;
    if (importKind === 'structures' && who.scope.kind === 'structure') throw new ForbiddenError('Seul un administrateur importe des structures');
    const started = Date.now();
    const importId = await this.repository.nextId();
    // The file is hashed and compressed while it is imported.
    const archived = archive(path);
    archived.catch(() => undefined);
    const accepted: ImportPlan['accepted'] = async (manager, structureIds, counts) =>
      this.repository.record(manager, { id: importId, kind: importKind, fileName: who.fileName, actor: who.actor, counts, durationMs: Date.now() - started, file: await archived }, structureIds);
    if (importKind === 'structures') {
      // Structures carry no import id: their own trail is the administrator's.
      return { kind: importKind, ...(await this.importer.run(path, { definition: STRUCTURES_IMPORT, actor: who.actor, structureOf: () => ({ id: null }), accepted, progress: who.progress }, who.signal)) };
    }
    const plan = PLANS[importKind];
    const structureOf = await this.structureResolver(who.scope, structureRef);
    const importPlan: ImportPlan = {
      definition: plan.definition,
      actor: who.actor,
      structureOf,
      importId,
      progress: who.progress,
      ...plan.system,
      afterWrite: plan.changesFulfilment
        ? async (manager, structureIds) => {
            for (const structureId of structureIds) await this.fulfilment.requestRecompute(manager, structureId, null);
          }
        : undefined,
      announcesChanges: plan.changesFulfilment,
      accepted,
    };
    return { kind: importKind, ...(await this.importer.run(path, importPlan, who.signal)) };
  }

  /**
   * Where each row goes. A facilitator's rows go to its structure, and a `structure_ref` naming another is an error;
   * otherwise the row's `structure_ref`, or the structure given with the request, or an error naming what is missing.
   */
  private async structureResolver(scope: AccessScope, structureRef: string | undefined): Promise<ImportPlan['structureOf']> {
    const idsByRef = await this.structures.idsByRef();
    const own = scope.kind === 'structure' ? [...idsByRef].find(([, id]) => id === scope.structureId)?.[0] : undefined;
    if (scope.kind === 'structure') {
      if (structureRef !== undefined && structureRef.toUpperCase() !== own) throw new ForbiddenError('Un facilitateur n’importe que dans sa propre structure');
      return (rowRef) =>
        rowRef === undefined || rowRef === '' || rowRef.toUpperCase() === own
          ? { id: scope.structureId }
          : { error: `un facilitateur n’importe que dans sa propre structure (${own})` };
    }
    if (scope.kind !== 'all') throw new ForbiddenError();
    const fallback = structureRef === undefined ? undefined : idsByRef.get(structureRef.toUpperCase());
    if (structureRef !== undefined && !fallback) throw new NotFoundError(`Structure « ${structureRef} »`);
    return (rowRef) => {
      if (rowRef) {
        const id = idsByRef.get(rowRef.toUpperCase());
        return id ? { id } : { error: `structure inconnue « ${rowRef} »` };
      }
      return fallback ? { id: fallback } : { error: 'structure non précisée : colonne structure_ref, ou option --structure (paramètre structure par l’API)' };
    };
  }
}
