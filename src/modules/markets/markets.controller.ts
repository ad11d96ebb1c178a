import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, CurrentScope, Roles } from '../../platform/auth/access.decorators';
import type { AccessScope, Principal } from '../../platform/auth/principal';
import { Role } from '../../platform/auth/roles';
import { UuidParamPipe } from '../../platform/http/uuid-param.pipe';
import { CreateMarketDto, MarketDto, MarketListQuery, MarketPageDto, UpdateMarketDto } from './dto/market.dto';
import { MarketsService } from './markets.service';

@ApiTags('Marchés')
@ApiBearerAuth()
@Controller('markets')
export class MarketsController {
  constructor(private readonly markets: MarketsService) {}

  @Get()
  @Roles(Role.Facilitator, Role.National, Role.Buyer, Role.Company)
  @ApiOperation({ summary: 'Lister les marchés', description: 'Un acheteur voit ses marchés dans toutes les structures qui les suivent ; une entreprise ceux qui lui sont attribués.' })
  @ApiResponse({ status: 200, type: MarketPageDto })
  list(@CurrentScope() scope: AccessScope, @Query() query: MarketListQuery) {
    return this.markets.list(scope, query);
  }

  @Get(':id')
  @Roles(Role.Facilitator, Role.National, Role.Buyer, Role.Company)
  @ApiOperation({ summary: 'Lire un marché' })
  @ApiResponse({ status: 200, type: MarketDto })
  get(@CurrentScope() scope: AccessScope, @Param('id', new UuidParamPipe()) id: string) {
    return this.markets.get(scope, id);
  }

  @Post()
  @Roles(Role.Facilitator)
  @ApiOperation({ summary: 'Créer un marché et dimensionner sa clause (objectif saisi ou calculé)' })
  @ApiResponse({ status: 201, type: MarketDto })
  create(@CurrentScope() scope: AccessScope, @CurrentPrincipal() principal: Principal, @Body() body: CreateMarketDto) {
    return this.markets.create(scope, principal, body);
  }

  @Post(':id/lots')
  @Roles(Role.Facilitator)
  @ApiOperation({ summary: 'Créer un lot d’un marché (même acheteur, période comprise dans celle du marché)' })
  @ApiResponse({ status: 201, type: MarketDto })
  createLot(@CurrentScope() scope: AccessScope, @CurrentPrincipal() principal: Principal, @Param('id', new UuidParamPipe()) id: string, @Body() body: CreateMarketDto) {
    return this.markets.createLot(scope, principal, id, body);
  }

  @Patch(':id')
  @Roles(Role.Facilitator)
  @ApiOperation({ summary: 'Modifier un marché (sa référence ne change pas)' })
  @ApiResponse({ status: 200, type: MarketDto })
  update(@CurrentScope() scope: AccessScope, @CurrentPrincipal() principal: Principal, @Param('id', new UuidParamPipe()) id: string, @Body() body: UpdateMarketDto) {
    return this.markets.update(scope, principal, id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles(Role.Facilitator)
  @ApiOperation({ summary: 'Supprimer un marché sans lot, attribution ni contrat' })
  async remove(@CurrentScope() scope: AccessScope, @CurrentPrincipal() principal: Principal, @Param('id', new UuidParamPipe()) id: string) {
    await this.markets.remove(scope, principal, id);
  }
}
