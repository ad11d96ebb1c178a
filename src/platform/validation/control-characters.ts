/**
 * C0 control characters but tab and line breaks, and DEL: never part of a name, a reference or a comment a person
 * types, and a NUL byte is refused by PostgreSQL itself.
 */
export const CONTROL_CHARACTER = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

export const CONTROL_CHARACTER_MESSAGE = 'contient un caractère de contrôle (octet nul…) : retirez-le';
