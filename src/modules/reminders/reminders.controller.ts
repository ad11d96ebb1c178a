import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentScope, Roles } from '../../platform/auth/access.decorators';
import type { AccessScope } from '../../platform/auth/principal';
import { Role } from '../../platform/auth/roles';
import { Clock, parisDay } from '../../platform/clock';
import { declaredMonthOf } from './reminders.rules';
import { LateCompanyDto, LateDeclarationsQuery, RunRemindersDto } from './dto/reminders.dto';
import { RemindersService } from './reminders.service';

@ApiTags('Rappels')
@ApiBearerAuth()
@Controller()
export class RemindersController {
  constructor(
    private readonly reminders: RemindersService,
    private readonly clock: Clock,
  ) {}

  @Get('reminders/late-declarations')
  @Roles(Role.Facilitator)
  @ApiOperation({ summary: 'Déclarations en retard : entreprises de la structure sans heures déclarées pour le mois après trois rappels (ou sans compte pour les recevoir)' })
  @ApiResponse({ status: 200, type: [LateCompanyDto] })
  late(@CurrentScope() scope: AccessScope, @Query() query: LateDeclarationsQuery) {
    const now = this.clock.now();
    return this.reminders.lateDeclarations(scope, query.month ?? declaredMonthOf(parisDay(now)), now);
  }

  @Post('admin/reminders/run')
  @HttpCode(200)
  @Roles(Role.Admin)
  @ApiOperation({ summary: 'Faire les rappels d’un jour (une seule fois par jour : un jour déjà fait ne renvoie rien)' })
  async run(@Body() body: RunRemindersDto) {
    const summary = await this.reminders.runDay(body.date);
    return { date: body.date, done: summary !== undefined, summary: summary ?? 'Rappels de ce jour déjà faits : rien de plus' };
  }
}
