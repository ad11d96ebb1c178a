/** class-transformer helper: trims surrounding spaces of a text field before validation. */
export const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
