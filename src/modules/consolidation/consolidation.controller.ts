import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentPrincipal, Roles } from '../../platform/auth/access.decorators';
import type { Principal } from '../../platform/auth/principal';
import { Role } from '../../platform/auth/roles';
import { InvalidError } from '../../platform/http/domain-errors';
import { attachment } from '../../platform/http/files';
import { UuidParamPipe } from '../../platform/http/uuid-param.pipe';
import { ConsolidationDiffDto, ConsolidationDto, ConsolidationListQuery, ConsolidationPageDto, ReportCsvQuery, RequestConsolidationDto } from './dto/consolidation.dto';
import { ConsolidationService, requesterOf } from './consolidation.service';
import { reportFileName } from './consolidation.rules';
import { csvTableNames, reportCsv, reportCsvArchive } from './render/report-csv';
import { reportHtml } from './render/report-html';
import { reportXlsx } from './render/report-xlsx';

const READERS = [Role.Admin, Role.National, Role.Facilitator, Role.Buyer];


@ApiTags('Consolidation annuelle')
@ApiBearerAuth()
@Controller('consolidations')
export class ConsolidationController {
  constructor(private readonly consolidations: ConsolidationService) {}

  @Post()
  @HttpCode(202)
  @Roles(...READERS)
  @ApiOperation({ summary: 'Lance la consolidation d’une année (national, une structure ou un acheteur) ; les workers la calculent' })
  @ApiResponse({ status: 202, type: ConsolidationDto })
  request(@CurrentPrincipal() principal: Principal, @Body() input: RequestConsolidationDto) {
    return this.consolidations.request(requesterOf(principal), input);
  }

  @Get()
  @Roles(...READERS)
  @ApiOperation({ summary: 'Les consolidations que vous pouvez lire, les plus récentes d’abord' })
  @ApiResponse({ status: 200, type: ConsolidationPageDto })
  list(@CurrentPrincipal() principal: Principal, @Query() query: ConsolidationListQuery) {
    return this.consolidations.list(requesterOf(principal), query);
  }

  @Get(':id')
  @Roles(...READERS)
  @ApiOperation({ summary: 'État d’une consolidation : statut, avancement, empreinte, comparaison avec l’instantané précédent' })
  @ApiResponse({ status: 200, type: ConsolidationDto })
  get(@CurrentPrincipal() principal: Principal, @Param('id', new UuidParamPipe()) id: string) {
    return this.consolidations.get(requesterOf(principal), id);
  }

  @Post(':id/retry')
  @HttpCode(202)
  @Roles(...READERS)
  @ApiOperation({ summary: 'Relance une consolidation en échec (après correction de la cause) ; les workers la calculent' })
  @ApiResponse({ status: 202, type: ConsolidationDto })
  @ApiResponse({ status: 409, description: 'La consolidation n’est pas en échec' })
  retry(@CurrentPrincipal() principal: Principal, @Param('id', new UuidParamPipe()) id: string) {
    return this.consolidations.retry(requesterOf(principal), id);
  }

  @Get(':from/diff/:to')
  @Roles(...READERS)
  @ApiOperation({ summary: 'Les chiffres qui ont changé entre deux instantanés' })
  @ApiResponse({ status: 200, type: ConsolidationDiffDto })
  diff(@CurrentPrincipal() principal: Principal, @Param('from', new UuidParamPipe()) from: string, @Param('to', new UuidParamPipe()) to: string) {
    return this.consolidations.diff(requesterOf(principal), from, to);
  }

  @Get(':id/report.json')
  @Roles(...READERS)
  @ApiOperation({ summary: 'Le rapport en JSON (contrat CONSOLIDATION-FORMAT.md)' })
  reportJson(@CurrentPrincipal() principal: Principal, @Param('id', new UuidParamPipe()) id: string) {
    return this.consolidations.report(requesterOf(principal), id);
  }

  @Get(':id/report.csv')
  @Roles(...READERS)
  @ApiProduces('text/csv', 'application/zip')
  @ApiOperation({ summary: 'Un tableau en CSV (?table=…), ou une archive ZIP d’un CSV par tableau' })
  async reportCsv(@CurrentPrincipal() principal: Principal, @Param('id', new UuidParamPipe()) id: string, @Query() query: ReportCsvQuery, @Res() response: FastifyReply) {
    const report = await this.consolidations.report(requesterOf(principal), id);
    if (query.table === undefined) {
      response.type('application/zip').header('Content-Disposition', attachment(reportFileName(report, 'zip'))).send(await reportCsvArchive(report));
      return;
    }
    const csv = reportCsv(report, query.table);
    if (csv === undefined) throw InvalidError.field('table', `tableau inconnu : attendu ${csvTableNames(report).join(', ')}`);
    response.type('text/csv; charset=utf-8').header('Content-Disposition', attachment(reportFileName(report, `${query.table}.csv`))).send(csv);
  }

  @Get(':id/report.xlsx')
  @Roles(...READERS)
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOperation({ summary: 'Le classeur Excel : une feuille par tableau' })
  async reportXlsx(@CurrentPrincipal() principal: Principal, @Param('id', new UuidParamPipe()) id: string, @Res() response: FastifyReply) {
    const report = await this.consolidations.report(requesterOf(principal), id);
    response.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').header('Content-Disposition', attachment(reportFileName(report, 'xlsx'))).send(await reportXlsx(report));
  }

  @Get(':id/report.html')
  @Roles(...READERS)
  @ApiProduces('text/html')
  @ApiOperation({ summary: 'Le rapport imprimable en français, avec ses graphiques (sans accès réseau)' })
  async reportHtml(@CurrentPrincipal() principal: Principal, @Param('id', new UuidParamPipe()) id: string, @Res() response: FastifyReply) {
    const report = await this.consolidations.report(requesterOf(principal), id);
    response.type('text/html; charset=utf-8').send(reportHtml(report));
  }
}
