import { Injectable } from '@nestjs/common';

/** The time, injected so that rules depending on "today" can be tested on a chosen day. */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}

const PARIS_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The day (AAAA-MM-JJ) it is in France at `instant`: what "today" means to the users, whatever the server's zone. */
export function parisDay(instant: Date): string {
  return PARIS_DAY.format(instant);
}
