import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentScope, Roles } from '../../platform/auth/access.decorators';
import type { AccessScope } from '../../platform/auth/principal';
import { Role } from '../../platform/auth/roles';
import { UuidParamPipe } from '../../platform/http/uuid-param.pipe';
import { CreateStructureDto, StructureDto, StructureListQuery, StructurePageDto, UpdateStructureDto } from './dto/structure.dto';
import { StructuresService } from './structures.service';

@ApiTags('Structures')
@ApiBearerAuth()
@Controller('structures')
export class StructuresController {
  constructor(private readonly structures: StructuresService) {}

  @Get()
  @Roles(Role.Admin, Role.National, Role.Facilitator)
  @ApiOperation({ summary: 'Lister les structures', description: 'Un facilitateur ne voit que sa propre structure.' })
  @ApiResponse({ status: 200, type: StructurePageDto })
  list(@CurrentScope() scope: AccessScope, @Query() query: StructureListQuery) {
    return this.structures.list(scope, query);
  }

  @Get(':id')
  @Roles(Role.Admin, Role.National, Role.Facilitator)
  @ApiOperation({ summary: 'Lire une structure' })
  @ApiResponse({ status: 200, type: StructureDto })
  get(@CurrentScope() scope: AccessScope, @Param('id', new UuidParamPipe()) id: string) {
    return this.structures.get(scope, id);
  }

  @Post()
  @Roles(Role.Admin)
  @ApiOperation({ summary: 'Créer une structure (PLIE, Maison de l’Emploi, collectivité)' })
  @ApiResponse({ status: 201, type: StructureDto })
  create(@Body() body: CreateStructureDto) {
    return this.structures.create(body);
  }

  @Patch(':id')
  @Roles(Role.Admin)
  @ApiOperation({ summary: 'Modifier une structure' })
  @ApiResponse({ status: 200, type: StructureDto })
  update(@CurrentScope() scope: AccessScope, @Param('id', new UuidParamPipe()) id: string, @Body() body: UpdateStructureDto) {
    return this.structures.update(scope, id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles(Role.Admin)
  @ApiOperation({ summary: 'Supprimer une structure sans compte rattaché' })
  async remove(@CurrentScope() scope: AccessScope, @Param('id', new UuidParamPipe()) id: string) {
    await this.structures.remove(scope, id);
  }
}
