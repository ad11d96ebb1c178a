import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../platform/auth/access.decorators';
import { Role } from '../../platform/auth/roles';
import { ScheduledRuns } from '../../platform/schedules/scheduled-runs';
import { repeatLabel } from './schedules.labels';

@ApiTags('Administration')
@ApiBearerAuth()
@Roles(Role.Admin)
@Controller('admin/schedules')
export class SchedulesController {
  constructor(private readonly runs: ScheduledRuns) {}

  @Get()
  @ApiOperation({ summary: 'Tâches planifiées : quand chacune tourne, sa prochaine exécution, la dernière et son résultat' })
  async list() {
    return (await this.runs.states()).map((state) => ({ ...state, when: repeatLabel(state.repeat) }));
  }
}
