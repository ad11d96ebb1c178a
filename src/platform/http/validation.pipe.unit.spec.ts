import { IsInt, IsString, Min } from 'class-validator';
import { createValidationPipe } from './validation.pipe';
import { InvalidError } from './domain-errors';

class Sample {
  @IsString({ message: 'doit être une chaîne de caractères' })
  name: string;

  @IsInt()
  @Min(1, { message: 'doit valoir 1 au moins' })
  count: number;
}

async function problems(body: unknown) {
  try {
    await createValidationPipe().transform(body, { type: 'body', metatype: Sample });
  } catch (error) {
    if (error instanceof InvalidError) return error.problems;
    throw error;
  }
  return [];
}

describe('validation pipe', () => {
  it('lists every field with a French message', async () => {
    expect(await problems({ name: 3, count: 0 })).toEqual([
      { champ: 'name', message: 'doit être une chaîne de caractères' },
      { champ: 'count', message: 'doit valoir 1 au moins' },
    ]);
  });

  it('replaces class-validator English defaults and refuses unknown fields', async () => {
    expect(await problems({ name: 'a', count: 'x', extra: 1 })).toEqual(
      expect.arrayContaining([
        { champ: 'count', message: 'doit être un nombre entier' },
        { champ: 'extra', message: 'champ inconnu : il n’est pas attendu ici' },
      ]),
    );
  });

  it('accepts a valid body', async () => {
    expect(await problems({ name: 'a', count: 2 })).toEqual([]);
  });
});
