/**
 * The standard normal distribution for significance tests: the CDF through the complementary error function
 * (W. J. Cody's rational approximations, relative error < 1e-15 in double precision) and its inverse (Acklam's
 * algorithm refined by one Halley step, error < 1e-15).
 */

/** erfc(x) for x ≥ 0 by Cody's three ranges. */
function erfcNonNegative(x: number): number {
  if (x < 0.5) return 1 - erfSmall(x);
  if (x < 4) {
    const p = [
      0.5641884969886701, 8.883149794388377, 66.11919063714163, 298.6351381974001, 881.952221241769,
      1712.0476126340707, 2051.0783778260716, 1230.3393547979972, 2.1531153547440383e-8,
    ];
    const q = [
      15.744926110709835, 117.6939508913125, 537.1811018620099, 1621.3895745666903, 3290.7992357334597,
      4362.619090143247, 3439.3676741437216, 1230.3393548037495,
    ];
    let numerator = (p[8] as number) * x;
    let denominator = x;
    for (let i = 0; i < 7; i++) {
      numerator = (numerator + (p[i] as number)) * x;
      denominator = (denominator + (q[i] as number)) * x;
    }
    return Math.exp(-x * x) * ((numerator + (p[7] as number)) / (denominator + (q[7] as number)));
  }
  const p = [
    0.30532663496123236, 0.36034489994980445, 0.12578172611122926, 0.016083785148742275,
    0.0006587491615298378, 0.016315387137302097,
  ];
  const q = [
    2.568520192289822, 1.8729528499234673, 0.5279051029514285, 0.06051834131244132, 0.0023352049762686918,
  ];
  const z = 1 / (x * x);
  let numerator = (p[5] as number) * z;
  let denominator = z;
  for (let i = 0; i < 4; i++) {
    numerator = (numerator + (p[i] as number)) * z;
    denominator = (denominator + (q[i] as number)) * z;
  }
  const tail = (z * (numerator + (p[4] as number))) / (denominator + (q[4] as number));
  return (Math.exp(-x * x) / x) * (1 / Math.sqrt(Math.PI) - tail);
}

function erfSmall(x: number): number {
  const a = [
    3.1611237438705655, 113.86415415105016, 377.485237685302, 3209.3775891384694, 0.18577770618460315,
  ];
  const b = [23.601290952344122, 244.02463793444417, 1282.6165260773723, 2844.236833439171];
  const z = x * x;
  let numerator = (a[4] as number) * z;
  let denominator = z;
  for (let i = 0; i < 3; i++) {
    numerator = (numerator + (a[i] as number)) * z;
    denominator = (denominator + (b[i] as number)) * z;
  }
  return (x * (numerator + (a[3] as number))) / (denominator + (b[3] as number));
}

/** P(Z ≤ z) for a standard normal Z. */
export function normalCdf(z: number): number {
  if (Number.isNaN(z)) return Number.NaN;
  const tail = 0.5 * erfcNonNegative(Math.abs(z) / Math.SQRT2);
  return z < 0 ? tail : 1 - tail;
}

/** The z with P(Z ≤ z) = p, for 0 < p < 1. */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`normalQuantile needs 0 < p < 1 (got ${p})`);
  const a = [
    -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716,
    2.506628277459239,
  ];
  const b = [
    -54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572,
  ];
  const c = [
    -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968,
    2.938163982698783,
  ];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const low = 0.02425;
  let x: number;
  const polynomial = (coefficients: number[], t: number) => coefficients.reduce((sum, k) => sum * t + k, 0);
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    x = polynomial(c, q) / (polynomial(d, q) * q + 1);
  } else if (p <= 1 - low) {
    const q = p - 0.5;
    const r = q * q;
    x = (polynomial(a, r) * q) / (polynomial(b, r) * r + 1);
  } else {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    x = -polynomial(c, q) / (polynomial(d, q) * q + 1);
  }
  // One Halley step on the exact CDF.
  const error = normalCdf(x) - p;
  const u = error * Math.sqrt(2 * Math.PI) * Math.exp((x * x) / 2);
  return x - u / (1 + (x * u) / 2);
}
