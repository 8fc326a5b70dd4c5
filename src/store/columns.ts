// A table is declared once, as record field → column (tables.ts). Its row type, the conversions
// between record and row, and the column lists of the hand-written SQL are all derived here.

/** How one record field is kept in one column. */
export interface Column<Name extends string, Value, Cell> {
  readonly name: Name;
  /** bigint in the schema; PostgreSQL reads JSON values as text, so bulk inserts cast these. */
  readonly integer: boolean;
  readonly toCell: (value: Value) => Cell;
  readonly fromCell: (cell: Cell) => Value;
}

// A cell type sits on both sides of a conversion, so only `any` admits every column's cells.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above
type ColumnOf<V> = Column<string, V, any>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above
type AnyColumn = ColumnOf<any>;

/** One column for every field of `R`, each converting exactly `R`'s type for that field. */
export type Columns<R> = { readonly [F in keyof R]-?: ColumnOf<R[F]> };

/** The row a table's columns describe: column name → stored value. */
export type RowOf<C extends Record<string, AnyColumn>> = { -readonly [F in keyof C as C[F]["name"]]: ReturnType<C[F]["toCell"]> };
/** The record a table's columns describe: field → value. */
export type FieldsOf<C extends Record<string, AnyColumn>> = { -readonly [F in keyof C]: ReturnType<C[F]["fromCell"]> };

/** Epoch milliseconds of a Date, refusing Invalid Date so NaN never reaches a column. */
export function toMillis(date: Date): number {
  const ms = date.getTime();
  if (!Number.isFinite(ms)) throw new RangeError("invalid Date");
  return ms;
}

const same = <T>(value: T): T => value;

/** A text column. */
export const text = <const N extends string>(name: N) =>
  ({ name, integer: false, toCell: same<string>, fromCell: same<string> }) satisfies Column<N, string, string>;

/**
 * A text column holding one of `values` (a const object such as GrantKind). Only its type is
 * used: the schema's CHECK constraints already guard what is stored.
 */
export const oneOf = <const N extends string, T extends string>(name: N, _values: Readonly<Record<string, T>>) =>
  ({ name, integer: false, toCell: same<T>, fromCell: same<T> }) satisfies Column<N, T, T>;

/** A bigint column holding a JS number (every value the store keeps is below 2^53). */
export const integer = <const N extends string>(name: N) =>
  ({ name, integer: true, toCell: same<number>, fromCell: same<number> }) satisfies Column<N, number, number>;

/** A bigint column holding a Date as epoch milliseconds: identical in both dialects, no time zones. */
export const time = <const N extends string>(name: N) =>
  ({ name, integer: true, toCell: toMillis, fromCell: (ms: number) => new Date(ms) }) satisfies Column<N, Date, number>;

/** A text column holding a JSON value (a small object such as recorded claims); both dialects keep it as text. */
export const json = <const N extends string, T>(name: N) =>
  ({
    name,
    integer: false,
    toCell: (value: T) => JSON.stringify(value),
    fromCell: (cell: string) => JSON.parse(cell) as T,
  }) satisfies Column<N, T, string>;

/** The same column, also holding null. */
export function nullable<N extends string, V, C>(column: Column<N, V, C>): Column<N, V | null, C | null> {
  const { toCell, fromCell } = column;
  return { ...column, toCell: (v) => (v === null ? null : toCell(v)), fromCell: (c) => (c === null ? null : fromCell(c)) };
}

/** Conversions of one table, derived from its columns. */
export interface Table<R, Row> {
  /** Column names in declaration order: the order of `toCells` and of bulk-insert column lists. */
  readonly names: readonly string[];
  /** Names of the bigint columns. */
  readonly integers: ReadonlySet<string>;
  readonly toRow: (record: R) => Row;
  readonly fromRow: (row: Row) => R;
  /** The record's cells in `names` order: one row of a bulk insert's JSON parameter. */
  readonly toCells: (record: R) => unknown[];
  /** The record from a row selected as cells in `names` order (better-sqlite3's raw mode). */
  readonly fromCells: (cells: readonly unknown[]) => R;
}

/** The conversions for a table declared as field → column. */
export function defineTable<C extends Record<string, AnyColumn>>(columns: C): Table<FieldsOf<C>, RowOf<C>>;
// The converters cannot be typed field by field; the signature above states what they build.
export function defineTable(columns: Record<string, AnyColumn>): Table<Record<string, unknown>, Record<string, unknown>> {
  const list = Object.entries(columns).map(([field, column]) => ({ field, ...column }));
  return {
    names: list.map((c) => c.name),
    integers: new Set(list.filter((c) => c.integer).map((c) => c.name)),
    toRow: compile(
      "({",
      list.map((c) => [c.name, c.field, c.toCell]),
      "})",
    ),
    fromRow: compile(
      "({",
      list.map((c) => [c.field, c.name, c.fromCell]),
      "})",
    ),
    toCells: compile(
      "[",
      list.map((c) => [undefined, c.field, c.toCell]),
      "]",
    ),
    fromCells: compile(
      "({",
      list.map((c, i) => [c.field, i, c.fromCell]),
      "})",
    ),
  };
}

type Converter = (value: never) => unknown;

// Read paths turn up to 1000 rows into records per request, and V8 builds a fixed-shape literal
// several times faster than an object grown key by key in a loop. So each converter is compiled
// once, from the table's own constant column list, into `x => ({ to: f[0](x["from"]), … })` (`x[0]`
// for a row read as cells).
function compile<Out>(open: string, parts: [to: string | undefined, from: string | number, convert: Converter][], close: string) {
  const q = JSON.stringify;
  const items = parts.map(([to, from], i) => `${to === undefined ? "" : `${q(to)}: `}f[${i}](x[${q(from)}])`);
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- compiled from the table's own constant column names, never input (see above)
  const build = new Function("f", `return (x) => ${open}${items.join(", ")}${close};`) as (
    f: Converter[],
  ) => (x: Readonly<Record<number, unknown>>) => Out;
  return build(parts.map(([, , convert]) => convert));
}
