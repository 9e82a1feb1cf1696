/** A smooth function to minimise: writes the gradient at `x` into `gradient` and returns the value. */
export type Objective = (x: Float64Array, gradient: Float64Array) => number;

/** Settings of the L-BFGS minimiser. */
export interface LbfgsOptions {
  /** Stop when the largest gradient component is at most this (default 1e-8). */
  readonly gradientTolerance?: number;
  /** Stop when an iteration lowers the value by less than this share of it (default 1e-12). */
  readonly relativeTolerance?: number;
  readonly maxIterations?: number;
  /** Number of correction pairs kept (default 10). */
  readonly memory?: number;
}

/** Where the minimiser stopped and why. */
export interface LbfgsResult {
  readonly x: Float64Array;
  readonly value: number;
  readonly iterations: number;
  readonly converged: boolean;
}

/**
 * Minimises a smooth convex function with limited-memory BFGS: the two-loop recursion for the
 * search direction and a backtracking line search with the Armijo condition.
 *
 * @example
 * const { x } = minimiseLbfgs((x, g) => { g[0] = 2 * (x[0] - 3); return (x[0] - 3) ** 2; }, new Float64Array(1));
 * x[0]; // 3
 */
export function minimiseLbfgs(objective: Objective, start: Float64Array, options: LbfgsOptions = {}): LbfgsResult {
  const gradientTolerance = options.gradientTolerance ?? 1e-8;
  const relativeTolerance = options.relativeTolerance ?? 1e-12;
  const maxIterations = options.maxIterations ?? 1000;
  const memory = options.memory ?? 10;
  const n = start.length;
  let x = Float64Array.from(start);
  let gradient = new Float64Array(n);
  let value = objective(x, gradient);
  const s: Float64Array[] = [];
  const y: Float64Array[] = [];
  const rho: number[] = [];
  const alpha = new Float64Array(memory);
  const direction = new Float64Array(n);
  let nextX = new Float64Array(n);
  let nextGradient = new Float64Array(n);
  for (let iteration = 0; iteration < maxIterations; iteration++) {
    if (maxAbs(gradient) <= gradientTolerance) return { x, value, iterations: iteration, converged: true };
    direction.set(gradient);
    for (let k = s.length - 1; k >= 0; k--) {
      alpha[k] = rho[k] * dot(s[k], direction);
      axpy(-alpha[k], y[k], direction);
    }
    const last = s.length - 1;
    const scale = last >= 0 ? dot(s[last], y[last]) / dot(y[last], y[last]) : 1 / Math.max(1, Math.sqrt(dot(gradient, gradient)));
    for (let i = 0; i < n; i++) direction[i] *= scale;
    for (let k = 0; k < s.length; k++) {
      const beta = rho[k] * dot(y[k], direction);
      axpy(alpha[k] - beta, s[k], direction);
    }
    for (let i = 0; i < n; i++) direction[i] = -direction[i];
    let slope = dot(gradient, direction);
    if (!(slope < 0)) {
      for (let i = 0; i < n; i++) direction[i] = -gradient[i];
      slope = dot(gradient, direction);
      s.length = 0;
      y.length = 0;
      rho.length = 0;
    }
    let step = 1;
    let nextValue = Number.POSITIVE_INFINITY;
    for (let tries = 0; tries < 60; tries++) {
      for (let i = 0; i < n; i++) nextX[i] = x[i] + step * direction[i];
      nextValue = objective(nextX, nextGradient);
      if (nextValue <= value + 1e-4 * step * slope) break;
      step *= 0.5;
    }
    if (!(nextValue <= value)) return { x, value, iterations: iteration, converged: false };
    const sk = new Float64Array(n);
    const yk = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      sk[i] = nextX[i] - x[i];
      yk[i] = nextGradient[i] - gradient[i];
    }
    const curvature = dot(sk, yk);
    if (curvature > 1e-300) {
      if (s.length === memory) {
        s.shift();
        y.shift();
        rho.shift();
      }
      s.push(sk);
      y.push(yk);
      rho.push(1 / curvature);
    }
    const decrease = value - nextValue;
    [x, nextX] = [nextX, x];
    [gradient, nextGradient] = [nextGradient, gradient];
    value = nextValue;
    if (decrease <= relativeTolerance * Math.max(Math.abs(value), 1e-300) && maxAbs(gradient) <= gradientTolerance * 1e3) {
      return { x, value, iterations: iteration + 1, converged: true };
    }
  }
  return { x, value, iterations: maxIterations, converged: maxAbs(gradient) <= gradientTolerance };
}

function dot(a: Float64Array, b: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i] * b[i];
  return sum;
}

function axpy(factor: number, from: Float64Array, into: Float64Array): void {
  for (let i = 0; i < into.length; i++) into[i] += factor * from[i];
}

function maxAbs(values: Float64Array): number {
  let max = 0;
  for (const value of values) max = Math.max(max, Math.abs(value));
  return max;
}
