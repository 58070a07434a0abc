/** Errors of the unit registry and the catalogue: a Chinese message for the operator, and for CSV imports every bad line. */
export interface RowProblem {
  /** 1-based line in the CSV file (the header is line 1). */
  line: number;
  message: string;
}

export class CatalogueError extends Error {
  constructor(
    message: string,
    readonly problems: RowProblem[] = [],
  ) {
    super(message);
    this.name = 'CatalogueError';
  }
}
