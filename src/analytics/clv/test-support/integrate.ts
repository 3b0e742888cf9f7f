/**
 * Numerical integration for tests that check closed forms against their defining integrals: composite Simpson
 * with one Richardson step, (16 S(2n) − S(n)) / 15, which cancels Simpson's h⁴ error term for smooth integrands.
 */
function simpson(f: (x: number) => number, from: number, to: number, intervals: number): number {
  const width = (to - from) / intervals;
  let sum = f(from) + f(to);
  for (let index = 1; index < intervals; index++) sum += (index % 2 === 1 ? 4 : 2) * f(from + index * width);
  return (sum * width) / 3;
}

export function integrate(f: (x: number) => number, from: number, to: number, intervals = 20_000): number {
  const even = intervals % 2 === 0 ? intervals : intervals + 1;
  return (16 * simpson(f, from, to, 2 * even) - simpson(f, from, to, even)) / 15;
}
