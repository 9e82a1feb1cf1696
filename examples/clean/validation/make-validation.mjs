#!/usr/bin/env node
// Writes churn-v4.csv: held-out validation scores of the churn model, version 4, with the
// observed label, deterministically (the same file on every run).
//
//   node examples/clean/validation/make-validation.mjs
//
// Each user has a plan tier and a latent churn logit z = -1.6 + tier effect + 1.8 * s with
// s ~ N(0, 1); the label is drawn with probability sigmoid(z) and the model's score is
// sigmoid(z + 0.5 * e), e ~ N(0, 1) its own error.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

let state = 20261101;
/** A 32-bit linear congruential generator (Numerical Recipes constants); uniform in [0, 1). */
function uniform() {
  state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
  return state / 4294967296;
}
function normal() {
  return Math.sqrt(-2 * Math.log(Math.max(uniform(), 1e-12))) * Math.cos(2 * Math.PI * uniform());
}
const sigmoid = (x) => 1 / (1 + Math.exp(-x));
const tiers = [
  ['free', 0.6],
  ['basic', 0],
  ['premium', -0.8],
];

const lines = ['user_id,plan_tier,churned,score'];
for (let i = 0; i < 4000; i++) {
  const [tier, effect] = tiers[Math.floor(uniform() * tiers.length)];
  const z = -1.6 + effect + 1.8 * normal();
  const churned = uniform() < sigmoid(z) ? 1 : 0;
  const score = sigmoid(z + 0.5 * normal());
  lines.push(`u${String(i).padStart(5, '0')},${tier},${churned},${score.toFixed(5)}`);
}
writeFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), 'churn-v4.csv'), `${lines.join('\n')}\n`);
