import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AccessScope, Principal } from '../../platform/auth/principal';
import { ROLE_LABELS } from '../../platform/auth/roles';
import { Clock, parisDay } from '../../platform/clock';
import { AppConfig, publicUrl } from '../../platform/config/app-config';
import { ConflictError, ForbiddenError, InvalidError, NotFoundError } from '../../platform/http/domain-errors';
import { Page, pageOf, PageQuery } from '../../platform/http/pagination';
import { AttestationRow, AttestationsRepository } from './attestations.repository';
import { attestationPdf } from './attestations.pdf';
import {
  AttestationFacts,
  AttestationKind,
  AttestationMarket,
  figuresDigest,
  formatCode,
  lastDayOf,
  MAX_ATTESTATION_MONTHS,
  monthsSpanned,
  newVerificationCode,
  normaliseCode,
} from './attestations.rules';
import type { IssueCompanyAttestationDto, IssueMarketYearAttestationDto } from './dto/attestations.dto';

export type VerificationStatus = 'VALID' | 'CHANGED' | 'REVOKED';

export interface Verification {
  attestation: AttestationRow;
  status: VerificationStatus;
  currentTotalHours: string;
}

/**
 * Attestations of fulfilment: issued from the platform's validated hours, frozen, printable as a PDF with a code that
 * anyone checks on /verifier/{code}, revocable once with a reason.
 */
@Injectable()
export class AttestationsService {
  constructor(
    private readonly repository: AttestationsRepository,
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  verifyUrl(code: string): string {
    return `${publicUrl(this.config)}/verifier/${formatCode(code)}`;
  }

  /** A facilitator attests a company's hours on one market of the structure, or on all its markets there, over months. */
  async issueForCompany(scope: AccessScope, principal: Principal, input: IssueCompanyAttestationDto): Promise<AttestationRow> {
    if (scope.kind !== 'structure') throw new ForbiddenError('Seul un facilitateur délivre une attestation à une entreprise');
    const span = monthsSpanned(input.fromMonth, input.toMonth);
    if (span < 1) throw InvalidError.field('toMonth', 'doit être le mois de début ou un mois après');
    if (span > MAX_ATTESTATION_MONTHS) throw InvalidError.field('toMonth', `la période couvre ${MAX_ATTESTATION_MONTHS} mois au plus`);
    const company = await this.repository.company(scope.structureId, input.companySiret);
    if (!company) throw InvalidError.field('companySiret', 'aucune entreprise de ce SIRET dans votre structure');
    const markets = await this.repository.companyMarkets(scope.structureId, input.companySiret, input.marketId ?? null);
    if (markets.length === 0) {
      throw input.marketId ? InvalidError.field('marketId', 'l’entreprise n’est pas attributaire de ce marché de votre structure') : InvalidError.field('companySiret', 'l’entreprise n’est attributaire d’aucun marché de votre structure');
    }
    return this.issue(principal, {
      kind: 'COMPANY',
      structureId: scope.structureId,
      markets,
      company,
      from: `${input.fromMonth}-01`,
      to: lastDayOf(input.toMonth),
    });
  }

  /** A buyer issues the yearly statement of one of its markets (every company's hours). */
  async issueMarketYear(scope: AccessScope, principal: Principal, input: IssueMarketYearAttestationDto): Promise<AttestationRow> {
    if (scope.kind !== 'buyer') throw new ForbiddenError('Seul l’acheteur du marché délivre son état annuel');
    const market = await this.repository.buyerMarket(scope.siret, input.marketId);
    if (!market) throw InvalidError.field('marketId', 'aucun marché de votre organisation ne porte cet identifiant');
    const { structureId, ...attested } = market;
    return this.issue(principal, { kind: 'MARKET_YEAR', structureId, markets: [attested], company: null, from: `${input.year}-01-01`, to: `${input.year}-12-31` });
  }

  async list(scope: AccessScope, query: PageQuery): Promise<Page<AttestationRow>> {
    const [items, total] = await this.repository.list(scope, (query.page - 1) * query.pageSize, query.pageSize);
    return pageOf(items, total, query);
  }

  async get(scope: AccessScope, id: string): Promise<AttestationRow> {
    const attestation = await this.repository.get(scope, id);
    if (!attestation) throw new NotFoundError('Attestation');
    return attestation;
  }

  async pdf(scope: AccessScope, id: string): Promise<{ attestation: AttestationRow; content: Buffer }> {
    const attestation = await this.get(scope, id);
    const revoked = attestation.revokedAt ? { at: attestation.revokedAt, reason: attestation.revocationReason! } : null;
    return { attestation, content: await attestationPdf(attestation.facts, attestation.code, this.verifyUrl(attestation.code), revoked) };
  }

  /** Revokes an attestation the caller may revoke: its structure's facilitators, or the buyer for its yearly statement. */
  async revoke(scope: AccessScope, principal: Principal, id: string, reason: string): Promise<AttestationRow> {
    const attestation = await this.get(scope, id);
    const mayRevoke = (scope.kind === 'structure' && attestation.kind === 'COMPANY') || (scope.kind === 'buyer' && attestation.kind === 'MARKET_YEAR');
    if (!mayRevoke) throw new ForbiddenError('Seul l’émetteur d’une attestation peut la révoquer');
    if (!(await this.repository.revoke(id, principal.userId, reason.trim()))) throw new ConflictError('Cette attestation est déjà révoquée');
    return this.get(scope, id);
  }

  /** What the public verification page says of a code: the facts, and whether they still hold. */
  async verify(input: string): Promise<Verification> {
    const code = normaliseCode(input);
    const attestation = code ? await this.repository.byCode(code) : undefined;
    if (!attestation) throw new NotFoundError('Attestation (code de vérification inconnu)');
    const facts = attestation.facts;
    const current = await this.repository.figures(
      facts.markets.map((market) => market.id),
      attestation.companySiret,
      attestation.periodFrom,
      attestation.periodTo,
    );
    const objectives = await this.currentObjectives(facts.markets);
    const changed = figuresDigest(current, objectives) !== attestation.figuresDigest;
    return { attestation, status: attestation.revokedAt ? 'REVOKED' : changed ? 'CHANGED' : 'VALID', currentTotalHours: current.totalHours };
  }

  private async currentObjectives(markets: AttestationMarket[]): Promise<{ id: string; objective: string }[]> {
    const rows: { id: string; objective: string }[] = await this.dataSource.query('SELECT id, hours_objective::text AS objective FROM market WHERE id = ANY($1::uuid[])', [markets.map((market) => market.id)]);
    // A market deleted since counts as a change (an attestation keeps its market: deletion is refused while one exists).
    return markets.map((market) => rows.find((row) => row.id === market.id) ?? { id: market.id, objective: 'supprimé' });
  }

  private async issue(
    principal: Principal,
    subject: { kind: AttestationKind; structureId: string; markets: AttestationMarket[]; company: { name: string; siret: string } | null; from: string; to: string },
  ): Promise<AttestationRow> {
    const figures = await this.repository.figures(subject.markets.map((market) => market.id), subject.company?.siret ?? null, subject.from, subject.to);
    const facts: AttestationFacts = {
      kind: subject.kind,
      structure: { name: (await this.repository.structureName(subject.structureId)) ?? '' },
      company: subject.company,
      markets: subject.markets,
      period: { from: subject.from, to: subject.to },
      ...figures,
      issuer: { email: principal.email, role: ROLE_LABELS[principal.role] },
      issuedOn: parisDay(this.clock.now()),
    };
    const id = await this.dataSource.transaction((manager) =>
      this.repository.insert(manager, {
        code: newVerificationCode(),
        kind: subject.kind,
        structureId: subject.structureId,
        marketId: subject.markets.length === 1 ? subject.markets[0]!.id : null,
        companySiret: subject.company?.siret ?? null,
        buyerSiret: new Set(subject.markets.map((market) => market.buyerSiret)).size === 1 ? subject.markets[0]!.buyerSiret : null,
        periodFrom: subject.from,
        periodTo: subject.to,
        facts,
        figuresDigest: figuresDigest(figures, subject.markets),
        issuedBy: principal.userId,
      }),
    );
    return (await this.repository.get({ kind: 'all' }, id))!;
  }
}
