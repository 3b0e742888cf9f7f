import type { FeatureMatrix } from './feature-matrix.ts';
import { createSeededRandom } from './seeded-random.ts';

/**
 * Seeded Gaussian blobs (like scikit-learn's make_blobs) for tests and benchmarks: `blobs` centres drawn uniformly
 * in [−boxHalfWidth, boxHalfWidth]^columns, each row assigned to a blob uniformly at random and drawn from an
 * isotropic normal of standard deviation `spread` around its centre.
 */
export interface Blobs {
  readonly matrix: FeatureMatrix;
  /** The blob each row was drawn from. */
  readonly truth: Int32Array;
  /** blobs × columns, row-major. */
  readonly centres: Float64Array;
}

export function generateBlobs(options: {
  rows: number;
  columns: number;
  blobs: number;
  spread: number;
  boxHalfWidth?: number;
  seed: number;
}): Blobs {
  const { rows, columns, blobs, spread, boxHalfWidth = 10, seed } = options;
  const random = createSeededRandom(seed);
  const centres = new Float64Array(blobs * columns);
  for (let index = 0; index < centres.length; index++)
    centres[index] = (random.nextFloat() * 2 - 1) * boxHalfWidth;

  const data = new Float64Array(rows * columns);
  const truth = new Int32Array(rows);
  let spareNormal: number | undefined;
  const nextNormal = (): number => {
    if (spareNormal !== undefined) {
      const value = spareNormal;
      spareNormal = undefined;
      return value;
    }
    // Box–Muller: two uniforms give two independent standard normals.
    const radius = Math.sqrt(-2 * Math.log(1 - random.nextFloat()));
    const angle = 2 * Math.PI * random.nextFloat();
    spareNormal = radius * Math.sin(angle);
    return radius * Math.cos(angle);
  };
  for (let row = 0; row < rows; row++) {
    const blob = random.nextInt(blobs);
    truth[row] = blob;
    for (let column = 0; column < columns; column++) {
      data[row * columns + column] = (centres[blob * columns + column] as number) + spread * nextNormal();
    }
  }
  return { matrix: { data, rows, columns }, truth, centres };
}
