import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, CurrentScope, Roles } from '../../platform/auth/access.decorators';
import type { AccessScope, Principal } from '../../platform/auth/principal';
import { Role } from '../../platform/auth/roles';
import { UuidParamPipe } from '../../platform/http/uuid-param.pipe';
import { BuyersService } from './buyers.service';
import { BuyerDto, BuyerListQuery, BuyerPageDto, CreateBuyerDto, UpdateBuyerDto } from './dto/buyer.dto';

@ApiTags('Acheteurs')
@ApiBearerAuth()
@Controller('buyers')
export class BuyersController {
  constructor(private readonly buyers: BuyersService) {}

  @Get()
  @Roles(Role.Facilitator, Role.National)
  @ApiOperation({ summary: 'Lister les acheteurs (maîtres d’ouvrage) de la structure' })
  @ApiResponse({ status: 200, type: BuyerPageDto })
  list(@CurrentScope() scope: AccessScope, @Query() query: BuyerListQuery) {
    return this.buyers.list(scope, query);
  }

  @Get(':id')
  @Roles(Role.Facilitator, Role.National)
  @ApiOperation({ summary: 'Lire un acheteur' })
  @ApiResponse({ status: 200, type: BuyerDto })
  get(@CurrentScope() scope: AccessScope, @Param('id', new UuidParamPipe()) id: string) {
    return this.buyers.get(scope, id);
  }

  @Post()
  @Roles(Role.Facilitator)
  @ApiOperation({ summary: 'Créer un acheteur' })
  @ApiResponse({ status: 201, type: BuyerDto })
  create(@CurrentScope() scope: AccessScope, @CurrentPrincipal() principal: Principal, @Body() body: CreateBuyerDto) {
    return this.buyers.create(scope, principal, body);
  }

  @Patch(':id')
  @Roles(Role.Facilitator)
  @ApiOperation({ summary: 'Modifier un acheteur (sa référence ne change pas)' })
  @ApiResponse({ status: 200, type: BuyerDto })
  update(@CurrentScope() scope: AccessScope, @CurrentPrincipal() principal: Principal, @Param('id', new UuidParamPipe()) id: string, @Body() body: UpdateBuyerDto) {
    return this.buyers.update(scope, principal, id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles(Role.Facilitator)
  @ApiOperation({ summary: 'Supprimer un acheteur sans opération ni marché' })
  async remove(@CurrentScope() scope: AccessScope, @CurrentPrincipal() principal: Principal, @Param('id', new UuidParamPipe()) id: string) {
    await this.buyers.remove(scope, principal, id);
  }
}
