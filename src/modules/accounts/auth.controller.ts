import { Body, Controller, Get, HttpCode, Ip, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import { CurrentPrincipal, Public, Roles } from '../../platform/auth/access.decorators';
import type { Principal } from '../../platform/auth/principal';
import { ROLES } from '../../platform/auth/roles';
import { AccountsService } from './accounts.service';
import { AccessTokenDto, AccountDto, LoginDto } from './dto/account.dto';

@ApiTags('Authentification')
@Controller('auth')
export class AuthController {
  constructor(private readonly accounts: AccountsService) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  @UseGuards(ThrottlerGuard)
  @ApiOperation({ summary: 'Se connecter', description: 'Renvoie un jeton d’accès de courte durée. Tentatives limitées par minute.' })
  @ApiResponse({ status: 200, type: AccessTokenDto })
  @ApiResponse({ status: 401, description: 'Identifiant ou mot de passe incorrect' })
  @ApiResponse({ status: 429, description: 'Trop de tentatives' })
  login(@Body() body: LoginDto, @Ip() ip: string) {
    return this.accounts.login(body, ip);
  }

  @Get('me')
  @Roles(...ROLES)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Mon compte' })
  @ApiResponse({ status: 200, type: AccountDto })
  me(@CurrentPrincipal() principal: Principal) {
    return this.accounts.me(principal);
  }
}
