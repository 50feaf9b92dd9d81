// The throw below is on line 7, column 11: the transcript must say so,
// though esbuild rewrote this file and goja ran the rewrite.
interface Stock { stock: number }

export function check(s: Stock): void {
  if (s.stock < 0) {
    throw new RangeError(`stock ${s.stock} is negative`)
  }
}
