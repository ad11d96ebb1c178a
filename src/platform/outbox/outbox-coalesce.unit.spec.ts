import { JobName } from '../queue/queues';
import { coalesce, jobIdOf, PendingEvent } from './outbox.relay';

const recompute = (id: string, structureId: string, marketIds: string[] | null): PendingEvent => ({ id, job_name: JobName.RecomputeFulfilment, payload: { structureId, marketIds } });

describe('outbox coalescing', () => {
  it('merges the fulfilment recomputes of one structure into one job carrying every event', () => {
    const jobs = coalesce([
      recompute('1', 'A', ['m1']),
      recompute('2', 'B', ['m9']),
      { id: '3', job_name: JobName.RunConsolidation, payload: { consolidationId: 'c' } },
      recompute('4', 'A', ['m2', 'm1']),
    ]);
    expect(jobs).toEqual([
      { jobName: JobName.RecomputeFulfilment, eventIds: ['1', '4'], payload: { structureId: 'A', marketIds: ['m1', 'm2'] } },
      { jobName: JobName.RecomputeFulfilment, eventIds: ['2'], payload: { structureId: 'B', marketIds: ['m9'] } },
      { jobName: JobName.RunConsolidation, eventIds: ['3'], payload: { consolidationId: 'c' } },
    ]);
  });

  it('lets a whole-structure recompute absorb the market ones, and never merges other jobs', () => {
    const jobs = coalesce([
      recompute('1', 'A', ['m1']),
      recompute('2', 'A', null),
      { id: '3', job_name: JobName.RunConsolidation, payload: { consolidationId: 'c' } },
      { id: '4', job_name: JobName.RunConsolidation, payload: { consolidationId: 'c' } },
    ]);
    expect(jobs.map((job) => [job.eventIds, job.payload])).toEqual([
      [['1', '2'], { structureId: 'A', marketIds: null }],
      [['3'], { consolidationId: 'c' }],
      [['4'], { consolidationId: 'c' }],
    ]);
  });

  it('names a job after its events, and a publication after a loss differently, since the queue may keep the failed job', () => {
    expect(jobIdOf(['7'], 1)).toBe('event-7');
    expect(jobIdOf(['7', '9', '12'], 1)).toBe('events-7-12-3');
    expect(jobIdOf(['7'], 2)).toBe('event-7-p2');
    expect(jobIdOf(['7', '9', '12'], 3)).toBe('events-7-12-3-p3');
  });
});
