import { copyValue } from './copy-writer';

describe('COPY text values', () => {
  it.each([
    [null, '\\N'],
    [42, '42'],
    ['Réhabilitation « Les Pins »', 'Réhabilitation « Les Pins »'],
    ['C:\\dossier\\N', 'C:\\\\dossier\\\\N'],
    ['colonne\tsuivante', 'colonne\\tsuivante'],
    ['ligne 1\r\nligne 2', 'ligne 1\\r\\nligne 2'],
    ['', ''],
  ])('writes %j as %j', (value, written) => expect(copyValue(value)).toBe(written));
});
