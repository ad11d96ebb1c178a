import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';
import { Public } from '../../platform/auth/access.decorators';
import { errorMessage } from '../../platform/logging/log-serializers';
import { QueueBackend } from '../../platform/queue/queue-backend';
import { QueueProducer } from '../../platform/queue/queue-producer';
import { withTimeout } from '../../platform/queue/with-timeout';

type Check = { status: 'up' } | { status: 'down'; error: string };

async function check(probe: () => Promise<unknown>): Promise<Check> {
  try {
    await withTimeout(probe(), 2000, 'no answer within 2 s');
    return { status: 'up' };
  } catch (error) {
    return { status: 'down', error: errorMessage(error) };
  }
}

@ApiTags('Supervision')
@Controller('health')
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly producer: QueueProducer,
    @Inject(QueueBackend) private readonly backend: QueueBackend,
  ) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'État du service', description: 'Base de données et files de travaux (Redis ou PostgreSQL). 503 si l’un est indisponible.' })
  async health(@Res({ passthrough: true }) response: FastifyReply) {
    const [database, queue] = await Promise.all([
      check(() => this.dataSource.query('SELECT 1')),
      check(() => this.producer.ping()),
    ]);
    const up = database.status === 'up' && queue.status === 'up';
    response.status(up ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    return { status: up ? 'ok' : 'error', database, queue: { backend: this.backend.kind, ...queue } };
  }
}
