import { Controller, HttpCode, Param, Post, Query, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';

import { unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { CurrentPrincipal, CurrentScope, Roles } from '../../platform/auth/access.decorators';
import type { AccessScope, Principal } from '../../platform/auth/principal';
import { Role } from '../../platform/auth/roles';
import { InvalidError } from '../../platform/http/domain-errors';
import { actorOf } from '../../platform/records/record-crud';
import { ImportAnswerDto, ImportQuery, ImportUploadDto } from './dto/import.dto';
import { IMPORT_KINDS } from './imports.rules';
import { ImportsService } from './imports.service';

/** Uploads go to a temporary file, read back in streaming: a large file never sits in memory. */
const UPLOAD = FileInterceptor('file', { dest: tmpdir(), limits: { fileSize: 1024 ** 3, files: 1 } });

@ApiTags('Imports')
@ApiBearerAuth()
@Controller('imports')
export class ImportsController {
  constructor(private readonly imports: ImportsService) {}

  @Post(':kind')
  @HttpCode(200)
  @Roles(Role.Facilitator, Role.Admin)
  @UseInterceptors(UPLOAD)
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: ImportUploadDto })
  @ApiParam({ name: 'kind', enum: IMPORT_KINDS })
  @ApiOperation({ summary: 'Importer un fichier CSV, tout ou rien', description: 'Réimporter le même fichier ne change rien ; une ligne modifiée met à jour l’enregistrement.' })
  @ApiResponse({ status: 200, type: ImportAnswerDto, description: 'Fichier importé : créés, modifiés, inchangés' })
  @ApiResponse({ status: 400, type: ImportAnswerDto, description: 'Fichier refusé : chaque ligne invalide, rien n’est écrit' })
  async import(
    @Param('kind') kind: string,
    @Query() query: ImportQuery,
    @UploadedFile() file: { path: string } | undefined,
    @CurrentScope() scope: AccessScope,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: Response,
  ) {
    if (!file) throw InvalidError.field('file', 'fichier CSV attendu (champ multipart « file »)');
    try {
      const answer = await this.imports.run(kind, file.path, { scope, actor: actorOf(principal) }, query.structure);
      if ('errors' in answer) response.status(400);
      return answer;
    } finally {
      await unlink(file.path).catch(() => undefined);
    }
  }
}
