import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentPrincipal, CurrentScope, Public, Roles } from '../../platform/auth/access.decorators';
import type { AccessScope, Principal } from '../../platform/auth/principal';
import { Role } from '../../platform/auth/roles';
import { attachment } from '../../platform/http/files';
import { pageDtoOf, PageQuery } from '../../platform/http/pagination';
import { UuidParamPipe } from '../../platform/http/uuid-param.pipe';
import { AttestationRow } from './attestations.repository';
import { formatCode } from './attestations.rules';
import { AttestationsService } from './attestations.service';
import { AttestationDto, IssueCompanyAttestationDto, IssueMarketYearAttestationDto, RevokeAttestationDto, VerificationDto } from './dto/attestations.dto';

const AttestationPageDto = pageDtoOf('AttestationPageDto', AttestationDto);

/** The file name of an attestation's PDF. */
export function attestationFileName(attestation: AttestationRow): string {
  return `attestation-${formatCode(attestation.code)}.pdf`;
}

@ApiTags('Attestations de réalisation')
@ApiBearerAuth()
@Controller('attestations')
export class AttestationsController {
  constructor(private readonly attestations: AttestationsService) {}

  @Post()
  @Roles(Role.Facilitator)
  @ApiOperation({ summary: 'Délivrer à une entreprise l’attestation de ses heures d’insertion sur un marché (ou tous ses marchés de la structure) sur une période' })
  @ApiResponse({ status: 201, type: AttestationDto })
  async issue(@CurrentScope() scope: AccessScope, @CurrentPrincipal() principal: Principal, @Body() body: IssueCompanyAttestationDto) {
    return this.dto(await this.attestations.issueForCompany(scope, principal, body));
  }

  @Post('market-year')
  @Roles(Role.Buyer)
  @ApiOperation({ summary: 'Délivrer l’état annuel de réalisation de la clause d’un de mes marchés' })
  @ApiResponse({ status: 201, type: AttestationDto })
  async issueMarketYear(@CurrentScope() scope: AccessScope, @CurrentPrincipal() principal: Principal, @Body() body: IssueMarketYearAttestationDto) {
    return this.dto(await this.attestations.issueMarketYear(scope, principal, body));
  }

  @Get()
  @Roles(Role.Facilitator, Role.Company, Role.Buyer)
  @ApiOperation({ summary: 'Attestations délivrées : par ma structure, à mon entreprise, ou sur mes marchés' })
  @ApiResponse({ status: 200, type: AttestationPageDto })
  async list(@CurrentScope() scope: AccessScope, @Query() query: PageQuery) {
    const page = await this.attestations.list(scope, query);
    return { ...page, items: page.items.map((item) => this.dto(item)) };
  }

  @Get('verify/:code')
  @Public()
  @ApiOperation({ summary: 'Vérifier une attestation par son code (public) : authentique, chiffres changés depuis, ou révoquée' })
  @ApiResponse({ status: 200, type: VerificationDto })
  async verify(@Param('code') code: string) {
    const { attestation, status, currentTotalHours } = await this.attestations.verify(code);
    return { code: formatCode(attestation.code), status, facts: attestation.facts, issuedAt: attestation.issuedAt, revokedAt: attestation.revokedAt, revocationReason: attestation.revocationReason, currentTotalHours };
  }

  @Get(':id')
  @Roles(Role.Facilitator, Role.Company, Role.Buyer)
  @ApiOperation({ summary: 'Lire une attestation' })
  @ApiResponse({ status: 200, type: AttestationDto })
  async get(@CurrentScope() scope: AccessScope, @Param('id', new UuidParamPipe()) id: string) {
    return this.dto(await this.attestations.get(scope, id));
  }

  @Get(':id/pdf')
  @Roles(Role.Facilitator, Role.Company, Role.Buyer)
  @ApiOperation({ summary: 'L’attestation en PDF, avec son code et le QR code de sa page de vérification' })
  @ApiProduces('application/pdf')
  async pdf(@CurrentScope() scope: AccessScope, @Param('id', new UuidParamPipe()) id: string, @Res() reply: FastifyReply) {
    const { attestation, content } = await this.attestations.pdf(scope, id);
    reply.type('application/pdf').header('Content-Disposition', attachment(attestationFileName(attestation))).send(content);
  }

  @Post(':id/revoke')
  @HttpCode(200)
  @Roles(Role.Facilitator, Role.Buyer)
  @ApiOperation({ summary: 'Révoquer une attestation (une fois, avec un motif que la page de vérification affiche)' })
  @ApiResponse({ status: 200, type: AttestationDto })
  async revoke(@CurrentScope() scope: AccessScope, @CurrentPrincipal() principal: Principal, @Param('id', new UuidParamPipe()) id: string, @Body() body: RevokeAttestationDto) {
    return this.dto(await this.attestations.revoke(scope, principal, id, body.reason));
  }

  private dto(attestation: AttestationRow): AttestationDto {
    return {
      id: attestation.id,
      code: formatCode(attestation.code),
      kind: attestation.kind,
      verifyUrl: this.attestations.verifyUrl(attestation.code),
      periodFrom: attestation.periodFrom,
      periodTo: attestation.periodTo,
      facts: attestation.facts as unknown as Record<string, unknown>,
      issuedAt: attestation.issuedAt,
      revokedAt: attestation.revokedAt,
      revocationReason: attestation.revocationReason,
    };
  }
}
