import { ValidationError, ValidationPipe } from '@nestjs/common';
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
  const isDefault = /^(property |each value in |\w+ (must|should) )/.test(message);
  return isDefault ? (FALLBACK_MESSAGES[constraint] ?? 'valeur invalide') : message;
}

export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const champ = parent ? `${parent}.${error.property}` : error.property;
    const failed = Object.entries(error.constraints ?? {});
    // One message per field, the most basic first: a number given as text is told it must be a number, not that it
    // is out of range.
    const [constraint, message] = failed.find(([key]) => BASIC_CHECKS.has(key)) ?? failed[0] ?? [];
    const own = constraint ? [{ champ, message: frenchMessage(constraint, message!) }] : [];
    return [...own, ...flattenValidationErrors(error.children ?? [], champ)];
  });
}

/** Refuses unknown fields, converts types, and answers every problem at once, per field, in French. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new InvalidError(flattenValidationErrors(errors)),
  });
}
