import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { CONTROL_CHARACTER, CONTROL_CHARACTER_MESSAGE } from '../validation/control-characters';
import { FieldProblem, InvalidError } from './domain-errors';

/** Messages for the checks whose DTO gives none, and for those class-validator adds itself. */
const FALLBACK_MESSAGES: Record<string, string> = {
  whitelistValidation: 'champ inconnu : il n’est pas attendu ici',
  isDefined: 'est obligatoire',
  isNotEmpty: 'ne doit pas être vide',
  isString: 'doit être une chaîne de caractères',
  isInt: 'doit être un nombre entier',
  isBoolean: 'doit valoir true ou false',
  isUuid: 'doit être un identifiant (UUID)',
  isEmail: 'doit être une adresse e-mail valide',
  isEnum: 'valeur non reconnue',
  isIn: 'valeur non reconnue',
  nestedValidation: 'doit être un objet valide',
};

const BASIC_CHECKS = new Set(['whitelistValidation', 'isDefined', 'isString', 'isInt', 'isNumber', 'isBoolean', 'isEmail', 'isUuid', 'isIn', 'isEnum', 'isDateString']);

function frenchMessage(constraint: string, message: string): string {
  // DTOs write their messages in French; class-validator's own defaults are English sentences naming the property.
  const isDefault = /^(nested property |property |each value in |an instance of |\w+ (must|should) )/.test(message);
  return isDefault ? (FALLBACK_MESSAGES[constraint] ?? 'valeur invalide') : message;
}

export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const champ = parent ? `${parent}.${error.property}` : error.property;
    const failed = Object.entries(error.constraints ?? {});
    // One message per field, the most basic first: a number given as text is told it must be a number, not that it
    // is out of range. A field that is missing is told so (optional fields are not checked when absent).
    const [constraint, message] = failed.find(([key]) => BASIC_CHECKS.has(key)) ?? failed[0] ?? [];
    const missing = constraint !== undefined && constraint !== 'whitelistValidation' && error.value === undefined && 'value' in error;
    const own = constraint ? [{ champ, message: missing ? 'est obligatoire' : frenchMessage(constraint, message!) }] : [];
    return [...own, ...flattenValidationErrors(error.children ?? [], champ)];
  });
}

/** How deep a request body may nest objects and arrays: no record of the API needs more than a few levels. */
export const MAX_INPUT_DEPTH = 16;

/**
 * Problems of the raw input before any field is read: a NUL byte or another control character in a string (which
 * PostgreSQL refuses, and no person types), and nesting past MAX_INPUT_DEPTH (which would exhaust the stack of the
 * validators walking it). Walked without recursion, so that any depth is answered.
 */
export function rawInputProblems(input: unknown): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const pending: { value: unknown; path: string; depth: number }[] = [{ value: input, path: '', depth: 0 }];
  while (pending.length > 0 && problems.length < 100) {
    const { value, path, depth } = pending.pop()!;
    if (typeof value === 'string') {
      if (CONTROL_CHARACTER.test(value)) problems.push({ champ: path || 'corps', message: CONTROL_CHARACTER_MESSAGE });
    } else if (value !== null && typeof value === 'object') {
      if (depth >= MAX_INPUT_DEPTH) {
        problems.push({ champ: path || 'corps', message: `imbrique des objets ou des listes sur plus de ${MAX_INPUT_DEPTH} niveaux` });
        continue;
      }
      for (const [key, child] of Object.entries(value)) {
        const childPath = Array.isArray(value) ? `${path}[${key}]` : path ? `${path}.${key}` : key;
        if (CONTROL_CHARACTER.test(key)) problems.push({ champ: path || 'corps', message: 'un nom de champ contient un caractère de contrôle' });
        pending.push({ value: child, path: childPath, depth: depth + 1 });
      }
    }
  }
  return problems.reverse();
}

/**
 * Refuses unknown fields, converts types, and answers every problem at once, per field, in French. Bodies, query
 * strings and path parameters are first checked for what no field accepts (control characters, deep nesting).
 */
class ApiValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type !== 'custom') {
      const problems = rawInputProblems(metadata.type === 'param' && metadata.data ? { [metadata.data]: value } : value);
      if (problems.length > 0) throw new InvalidError(problems);
    }
    return super.transform(value, metadata);
  }
}

export function createValidationPipe(): ValidationPipe {
  return new ApiValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    // The values let a missing field be told apart; they are never sent back.
    validationError: { target: false, value: true },
    exceptionFactory: (errors) => new InvalidError(flattenValidationErrors(errors)),
  });
}

const formValidation = createValidationPipe();

/** A body checked as the API checks it, for callers that are not a controller parameter (the web forms). */
export function validateAs<T extends object>(dto: new () => T, body: object): Promise<T> {
  // An absent value is left out, as JSON would: given as `undefined`, it would replace the DTO's default.
  const given = Object.fromEntries(Object.entries(body).filter(([, value]) => value !== undefined));
  return formValidation.transform(given, { type: 'body', metatype: dto }) as Promise<T>;
}
