import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../platform/auth/access.decorators';
import { Role } from '../../platform/auth/roles';
import { UuidParamPipe } from '../../platform/http/uuid-param.pipe';
import { AccountsService } from './accounts.service';
import { AccountDto, AccountListQuery, AccountPageDto, CreateAccountDto, UpdateAccountDto } from './dto/account.dto';

@ApiTags('Comptes')
@ApiBearerAuth()
@Roles(Role.Admin)
@Controller('users')
export class AccountsController {
  constructor(private readonly accounts: AccountsService) {}

  @Get()
  @ApiOperation({ summary: 'Lister les comptes' })
  @ApiResponse({ status: 200, type: AccountPageDto })
  list(@Query() query: AccountListQuery) {
    return this.accounts.list(query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Lire un compte' })
  @ApiResponse({ status: 200, type: AccountDto })
  get(@Param('id', new UuidParamPipe()) id: string) {
    return this.accounts.get(id);
  }

  @Post()
  @ApiOperation({
    summary: 'Créer un compte',
    description: 'Facilitateur : rattaché à une structure. Acheteur, entreprise : rattaché à un SIRET. Mot de passe haché (argon2id).',
  })
  @ApiResponse({ status: 201, type: AccountDto })
  create(@Body() body: CreateAccountDto) {
    return this.accounts.create(body, true);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Désactiver, réactiver un compte ou changer son mot de passe' })
  @ApiResponse({ status: 200, type: AccountDto })
  update(@Param('id', new UuidParamPipe()) id: string, @Body() body: UpdateAccountDto) {
    return this.accounts.update(id, body);
  }
}
