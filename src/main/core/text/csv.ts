/**
 * A small RFC 4180 CSV reader (quoted fields, doubled quotes, CRLF). The data packs are a few
 * hundred rows; a dependency would buy nothing. Returns rows with their 1-based line numbers so
 * importers can report the exact line of a bad row.
 */
export interface CsvRow {
  line: number;
  fields: string[];
}

export function parseCsv(text: string): CsvRow[] {
  const rows: CsvRow[] = [];
  let fields: string[] = [];
  let field = '';
  let inQuotes = false;
  let line = 1;
  let rowLine = 1;
  const input = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  for (let i = 0; i < input.length; i++) {
    const ch = input[i]!;
    if (inQuotes) {
      if (ch === '"') {
        if (input[i + 1] === '"') {
          field += '"';
          i++;
        } else inQuotes = false;
      } else {
        if (ch === '\n') line++;
        field += ch;
      }
      continue;
    }
    if (ch === '"' && field === '') inQuotes = true;
    else if (ch === ',') {
      fields.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && input[i + 1] === '\n') i++;
      fields.push(field);
      if (fields.length > 1 || fields[0] !== '') rows.push({ line: rowLine, fields });
      fields = [];
      field = '';
      line++;
      rowLine = line;
    } else field += ch;
  }
  if (field !== '' || fields.length > 0) {
    fields.push(field);
    rows.push({ line: rowLine, fields });
  }
  return rows;
}

/** Rows as objects keyed by the header row; the header must contain every `required` column. */
export function parseCsvRecords(text: string, required: readonly string[]): Array<{ line: number; record: Record<string, string> }> {
  const [header, ...rows] = parseCsv(text);
  if (!header) throw new Error('CSV 文件为空');
  const names = header.fields.map((f) => f.trim());
  const missing = required.filter((r) => !names.includes(r));
  if (missing.length) throw new Error(`CSV 缺少列：${missing.join('、')}`);
  return rows.map((row) => ({
    line: row.line,
    record: Object.fromEntries(names.map((n, i) => [n, row.fields[i] ?? ''])),
  }));
}
