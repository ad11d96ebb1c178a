import { Body, Controller, Get, Param, ParseIntPipe, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, CurrentScope, Roles } from '../../platform/auth/access.decorators';
import type { AccessScope, Principal } from '../../platform/auth/principal';
import { Role } from '../../platform/auth/roles';
import { InvalidError } from '../../platform/http/domain-errors';
import { QuestionnaireDto, QuestionnaireRespondentDto, ReplaceQuestionnaireTableDto } from './dto/questionnaire.dto';
import { QuestionnaireService } from './questionnaire.service';

const yearPipe = (name: string) => new ParseIntPipe({ exceptionFactory: () => InvalidError.field(name, 'doit être une année (AAAA)') });

@ApiTags('Questionnaire annuel PLIE')
@ApiBearerAuth()
@Controller('plie/questionnaires')
export class QuestionnaireController {
  constructor(private readonly questionnaires: QuestionnaireService) {}

  @Get('respondents')
  @Roles(Role.National, Role.Admin)
  @ApiOperation({ summary: 'Les PLIE et ce qu’ils ont déclaré pour une année, tableau par tableau' })
  @ApiResponse({ status: 200, type: [QuestionnaireRespondentDto] })
  respondents(@Query('year', yearPipe('year')) year: number) {
    return this.questionnaires.respondents(year);
  }

  @Get(':year')
  @Roles(Role.Facilitator)
  @ApiOperation({ summary: 'Le questionnaire annuel de la structure pour une année : chaque ligne, déclarée ou calculée' })
  @ApiResponse({ status: 200, type: QuestionnaireDto })
  get(@CurrentScope() scope: AccessScope, @Param('year', yearPipe('year')) year: number) {
    return this.questionnaires.get(scope, year);
  }

  @Put(':year/:table')
  @Roles(Role.Facilitator)
  @ApiOperation({ summary: 'Remplacer un tableau (FINANCING, ALLOCATIONS, ORGANISATION) du questionnaire de l’année par les chiffres donnés' })
  @ApiResponse({ status: 200, type: QuestionnaireDto })
  replace(
    @CurrentScope() scope: AccessScope,
    @CurrentPrincipal() principal: Principal,
    @Param('year', yearPipe('year')) year: number,
    @Param('table') table: string,
    @Body() body: ReplaceQuestionnaireTableDto,
  ) {
    return this.questionnaires.replaceTable(scope, principal, year, table, body);
  }
}
