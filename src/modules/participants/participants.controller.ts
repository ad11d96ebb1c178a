import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, CurrentScope, Roles } from '../../platform/auth/access.decorators';
import type { AccessScope, Principal } from '../../platform/auth/principal';
import { Role } from '../../platform/auth/roles';
import { UuidParamPipe } from '../../platform/http/uuid-param.pipe';
import { ParticipantDto, ParticipantListQuery, ParticipantPageDto, CreateParticipantDto, UpdateParticipantDto } from './dto/participant.dto';
import { ParticipantsService } from './participants.service';

@ApiTags('Participants')
@ApiBearerAuth()
@Controller('participants')
export class ParticipantsController {
  constructor(private readonly participants: ParticipantsService) {}

  @Get()
  @Roles(Role.Facilitator)
  @ApiOperation({ summary: 'Lister les participants de la structure (données personnelles : facilitateurs de la structure uniquement)' })
  @ApiResponse({ status: 200, type: ParticipantPageDto })
  list(@CurrentScope() scope: AccessScope, @Query() query: ParticipantListQuery) {
    return this.participants.list(scope, query);
  }

  @Get(':id')
  @Roles(Role.Facilitator)
  @ApiOperation({ summary: 'Lire un participant' })
  @ApiResponse({ status: 200, type: ParticipantDto })
  get(@CurrentScope() scope: AccessScope, @Param('id', new UuidParamPipe()) id: string) {
    return this.participants.get(scope, id);
  }

  @Post()
  @Roles(Role.Facilitator)
  @ApiOperation({ summary: 'Enregistrer un participant et ses publics éligibles' })
  @ApiResponse({ status: 201, type: ParticipantDto })
  create(@CurrentScope() scope: AccessScope, @CurrentPrincipal() principal: Principal, @Body() body: CreateParticipantDto) {
    return this.participants.create(scope, principal, body);
  }

  @Patch(':id')
  @Roles(Role.Facilitator)
  @ApiOperation({ summary: 'Modifier un participant (sa référence ne change pas)' })
  @ApiResponse({ status: 200, type: ParticipantDto })
  update(@CurrentScope() scope: AccessScope, @CurrentPrincipal() principal: Principal, @Param('id', new UuidParamPipe()) id: string, @Body() body: UpdateParticipantDto) {
    return this.participants.update(scope, principal, id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles(Role.Facilitator)
  @ApiOperation({ summary: 'Supprimer un participant sans contrat' })
  async remove(@CurrentScope() scope: AccessScope, @CurrentPrincipal() principal: Principal, @Param('id', new UuidParamPipe()) id: string) {
    await this.participants.remove(scope, principal, id);
  }
}
