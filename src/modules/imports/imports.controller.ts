import { Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiParam, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { unlink } from 'node:fs/promises';
import { CurrentPrincipal, CurrentScope, Roles } from '../../platform/auth/access.decorators';
import type { AccessScope, Principal } from '../../platform/auth/principal';
import { Role } from '../../platform/auth/roles';
import { attachment, spoolUpload } from '../../platform/http/files';
import { pageDtoOf, PageQuery } from '../../platform/http/pagination';
import { actorOf } from '../../platform/records/record-crud';
import { ImportAnswerDto, ImportQuery, ImportRecordDto, ImportUploadDto } from './dto/import.dto';

const ImportRecordPageDto = pageDtoOf('ImportRecordPageDto', ImportRecordDto);
import { IMPORT_KINDS } from './imports.rules';
import { ImportsService } from './imports.service';

@ApiTags('Imports')
@ApiBearerAuth()
@Controller('imports')
export class ImportsController {
  constructor(private readonly imports: ImportsService) {}

  @Get()
  @Roles(Role.Facilitator, Role.Admin)
  @ApiOperation({ summary: 'Les imports acceptés : ceux de ma structure (facilitateur), tous (administrateur) ; les plus récents d’abord' })
  @ApiResponse({ status: 200, type: ImportRecordPageDto })
  list(@CurrentScope() scope: AccessScope, @Query() query: PageQuery) {
    return this.imports.list(scope, query);
  }

  @Get(':id')
  @Roles(Role.Facilitator, Role.Admin)
  @ApiOperation({ summary: 'Un import : qui, quand, le fichier (nom, taille, SHA-256), ce qu’il a fait et en combien de temps' })
  @ApiResponse({ status: 200, type: ImportRecordDto })
  get(@CurrentScope() scope: AccessScope, @Param('id') id: string) {
    return this.imports.get(scope, id);
  }

  @Get(':id/file')
  @Roles(Role.Facilitator, Role.Admin)
  @ApiOperation({ summary: 'Le fichier d’un import, tel qu’il a été envoyé' })
  @ApiProduces('text/csv')
  async file(@CurrentScope() scope: AccessScope, @Param('id') id: string, @Res() reply: FastifyReply) {
    const { fileName, content } = await this.imports.file(scope, id);
    reply.type('text/csv').header('Content-Disposition', attachment(fileName)).send(content);
  }

  @Post(':kind')
  @HttpCode(200)
  @Roles(Role.Facilitator, Role.Admin)
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: ImportUploadDto })
  @ApiParam({ name: 'kind', enum: IMPORT_KINDS })
  @ApiOperation({ summary: 'Importer un fichier CSV, tout ou rien', description: 'Réimporter le même fichier ne change rien ; une ligne modifiée met à jour l’enregistrement.' })
  @ApiResponse({ status: 200, type: ImportAnswerDto, description: 'Fichier importé : créés, modifiés, inchangés' })
  @ApiResponse({ status: 400, type: ImportAnswerDto, description: 'Fichier refusé : chaque ligne invalide, rien n’est écrit' })
  async import(
    @Param('kind') kind: string,
    @Query() query: ImportQuery,
    @Req() request: FastifyRequest,
    @CurrentScope() scope: AccessScope,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: FastifyReply,
  ) {
    // The upload goes to a temporary file, read back in streaming.
    const { path, fileName } = await spoolUpload(request);
    // A client that disconnects before its answer stops the import: nothing is written, no work goes on for nobody.
    const clientGone = new AbortController();
    response.raw.once('close', () => response.raw.writableFinished || clientGone.abort());
    try {
      const answer = await this.imports.run(kind, path, { scope, actor: actorOf(principal), signal: clientGone.signal, fileName: fileName ?? undefined }, query.structure);
      if ('errors' in answer) response.status(400);
      return answer;
    } finally {
      await unlink(path).catch(() => undefined);
    }
  }
}
