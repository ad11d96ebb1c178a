import { Injectable, PipeTransform } from '@nestjs/common';
import { InvalidError } from './domain-errors';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Route ids are UUIDs: anything else is a 400 naming the parameter, never a database error. */
@Injectable()
export class UuidParamPipe implements PipeTransform<string, string> {
  constructor(private readonly name = 'id') {}

  transform(value: string): string {
    if (!UUID.test(value)) throw InvalidError.field(this.name, 'doit être un identifiant (UUID)');
    return value.toLowerCase();
  }
}
