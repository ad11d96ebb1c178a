import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentScope, Roles } from '../../platform/auth/access.decorators';
import type { AccessScope } from '../../platform/auth/principal';
import { Role } from '../../platform/auth/roles';
import { AuditService } from './audit.service';
import { AuditEntryDto, AuditQuery } from './dto/audit.dto';

@ApiTags('Historique')
@ApiBearerAuth()
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @Roles(Role.Facilitator)
  @ApiOperation({ summary: 'Historique d’un enregistrement de la structure : qui, quand, quels champs, anciennes et nouvelles valeurs' })
  @ApiResponse({ status: 200, type: [AuditEntryDto] })
  history(@CurrentScope() scope: AccessScope, @Query() query: AuditQuery) {
    return this.audit.history(scope, query.entity, query.id);
  }
}
