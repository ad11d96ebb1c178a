import { Injectable } from '@nestjs/common';

/** The time, injected so that rules depending on "today" can be tested on a chosen day. */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}
