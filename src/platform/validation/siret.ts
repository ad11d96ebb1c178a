import { registerDecorator, ValidationOptions } from 'class-validator';

/** A SIRET is 14 digits whose Luhn sum is a multiple of 10 (La Poste's establishments excepted, see below). */
export function isValidSiret(value: string): boolean {
  if (!/^\d{14}$/.test(value)) return false;
  // La Poste's establishments (SIREN 356000000) follow another rule: the digits add up to a multiple of 5.
  if (value.startsWith('356000000')) {
    return [...value].reduce((sum, digit) => sum + Number(digit), 0) % 5 === 0;
  }
  let sum = 0;
  for (let index = 0; index < 14; index += 1) {
    let digit = Number(value[13 - index]);
    if (index % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

export function IsSiret(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isSiret',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: 'doit être un SIRET valide : 14 chiffres avec une clé de contrôle correcte', ...options },
      validator: { validate: (value: unknown) => typeof value === 'string' && isValidSiret(value) },
    });
}
