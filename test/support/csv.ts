/** Reads RFC 4180 CSV (quoted cells, doubled quotes, CRLF) into records keyed by the header. */
export function parseCsv(text: string): Record<string, string>[] {
  const records: string[][] = [];
  let record: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted && c === '"' && text[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (quoted && c === '"') quoted = false;
    else if (quoted) cell += c;
    else if (c === '"') quoted = true;
    else if (c === ',') {
      record.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      record.push(cell);
      records.push(record);
      record = [];
      cell = '';
      i++;
    } else cell += c;
  }
  const [header, ...rows] = records;
  return rows.map((row) => {
    if (row.length !== header!.length) throw new Error(`a row of ${row.length} cells under ${header!.length} columns`);
    return Object.fromEntries(header!.map((h, i) => [h, row[i]!]));
  });
}

/** A JSON value as the CSV writes it (numbers and text as such, null empty, objects as JSON). */
export const asCsvCell = (value: unknown): string =>
  value === null || value === undefined ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value);
