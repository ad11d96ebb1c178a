import { fulfilmentFigures } from './fulfilment.rules';

/** A 100-day market: on 19 February, half of it has elapsed. */
const market = { objective: '1000', startDate: '2017-01-01', endDate: '2017-04-10' };
const on = (day: string) => new Date(`${day}T12:00:00Z`);

describe('fulfilment figures', () => {
  it('expects hours in proportion to the elapsed share of the period', () => {
    const figures = fulfilmentFigures({ ...market, realised: '500', today: on('2017-02-19') });
    expect(figures.elapsedShare).toBe(0.5);
    expect(figures.expectedToDate).toBe('500');
    expect(figures.rate).toBe(50);
    expect(figures.status).toBe('ON_TRACK');
  });

  it('says behind when realised hours fall below 80 % of those expected to date', () => {
    expect(fulfilmentFigures({ ...market, realised: '399', today: on('2017-02-19') }).status).toBe('BEHIND');
    expect(fulfilmentFigures({ ...market, realised: '400', today: on('2017-02-19') }).status).toBe('ON_TRACK');
  });

  it('says done once the objective is reached, and lets the rate exceed 100 %', () => {
    const figures = fulfilmentFigures({ ...market, realised: '1234.5', today: on('2017-03-01') });
    expect(figures).toMatchObject({ status: 'DONE', rate: 123.5 });
  });

  it('expects nothing before the start and everything after the end', () => {
    expect(fulfilmentFigures({ ...market, realised: '0', today: on('2016-06-01') })).toMatchObject({ elapsedShare: 0, expectedToDate: '0', status: 'ON_TRACK' });
    expect(fulfilmentFigures({ ...market, realised: '0', today: on('2019-01-01') })).toMatchObject({ elapsedShare: 1, expectedToDate: '1000', status: 'BEHIND' });
  });

  it('gives no rate for a zero objective', () => {
    expect(fulfilmentFigures({ ...market, objective: '0', realised: '0', today: on('2017-06-01') }).rate).toBeNull();
  });
});
