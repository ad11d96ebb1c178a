import { cellsToMask, isSmallCount } from './small-counts';

describe('small counts', () => {
  it('are 1 to 4 people', () => {
    expect([0, 1, 4, 5, null].map(isSmallCount)).toEqual([false, true, true, false, false]);
  });

  it('mask every small cell, and the smallest other non-zero cell when only one is small', () => {
    expect([...cellsToMask([7, 3])].sort()).toEqual([0, 1]);
    expect([...cellsToMask([12, 3, 9, 0])].sort()).toEqual([1, 2]);
    expect([...cellsToMask([2, 3, 10])].sort()).toEqual([0, 1]);
    expect([...cellsToMask([10, 20])]).toEqual([]);
    expect([...cellsToMask([3, 0])]).toEqual([0]);
  });
});
