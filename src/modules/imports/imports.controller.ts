import { Controller, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { unlink } from 'node:fs/promises';
import { CurrentPrincipal, CurrentScope, Roles } from '../../platform/auth/access.decorators';
import type { AccessScope, Principal } from '../../platform/auth/principal';
import { Role } from '../../platform/auth/roles';
import { spoolUpload } from '../../platform/http/files';
import { actorOf } from '../../platform/records/record-crud';
import { ImportAnswerDto, ImportQuery, ImportUploadDto } from './dto/import.dto';
import { IMPORT_KINDS } from './imports.rules';
import { ImportsService } from './imports.service';

@ApiTags('Imports')
@ApiBearerAuth()
@Controller('imports')
export class ImportsController {
  constructor(private readonly imports: ImportsService) {}

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
