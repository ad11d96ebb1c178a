import { QueryFailedError } from 'typeorm';
import { loggedError, loggedUrl } from './log-serializers';

describe('what the logs keep', () => {
  it('keeps a request’s path and the names of its query parameters, not their values', () => {
    expect(loggedUrl('/participants?q=martin&page=2')).toBe('/participants?q=&page=');
    expect(loggedUrl('/markets')).toBe('/markets');
    expect(loggedUrl('/hours?')).toBe('/hours?=');
  });

  it('keeps a database error’s code and objects, never its message, detail, parameters or query', () => {
    const driverError = Object.assign(new Error('duplicate key value violates unique constraint "UQ_participant_ref"'), {
      code: '23505',
      detail: 'Key (structure_id, ref)=(…, DUPONT-1990) already exists.',
      table: 'participant',
      constraint: 'UQ_participant_ref',
      routine: '_bt_check_unique',
    });
    const error = new QueryFailedError('INSERT INTO participant (last_name, birth_date) VALUES ($1, $2)', ['Dupont', '1990-04-12'], driverError);
    const logged = loggedError(error);
    expect(logged).toMatchObject({ type: 'QueryFailedError', code: '23505', table: 'participant', constraint: 'UQ_participant_ref' });
    expect(JSON.stringify(logged)).not.toMatch(/Dupont|1990-04-12|DUPONT|INSERT INTO|duplicate key/);
  });

  it('keeps the message and stack of other errors', () => {
    const logged = loggedError(new TypeError('cannot read properties of undefined'));
    expect(logged).toMatchObject({ type: 'TypeError', message: 'cannot read properties of undefined' });
    expect(String(logged.stack)).toContain('log-serializers.unit.spec');
  });
});
