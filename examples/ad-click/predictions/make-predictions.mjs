#!/usr/bin/env node
// Writes the prediction files of the bundled ad-click example (examples/ad-click/predictions/),
// deterministically: the same files on every run and machine.
//
//   node examples/ad-click/predictions/make-predictions.mjs
//
// The examples are simulated impressions. Each has a country and a device, and a true click
// logit z = -3.4 + country effect + device effect + 1.1 * s, s ~ N(0, 1) the signal a model can
// learn; the click is drawn with probability sigmoid(z). A model sees z blurred by its own noise:
//   ctr v7 (production):  score = sigmoid(0.8 * z + 0.9 * e - 0.6), e ~ N(0, 1)
//   ctr v8 (candidate):   score = sigmoid(z + 0.35 * e - 0.12), except in jp on mobile, where the
//                         new feature is missing: sigmoid(0.7 * z + 1.0 * e + 0.3) -> worse and over-predicting
//   ctr_jp v2:            score = sigmoid(z + 0.6 * e) on jp impressions only
// so v8 is better in total but worse on the jp/mobile slice: what `paydown compare` must surface.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const out = path.dirname(fileURLToPath(import.meta.url));

/** Marsaglia's xorshift128, seeded by a fixed constant; uniform in [0, 1). */
function generator(seed) {
  let x = 123456789 ^ seed;
  let y = 362436069;
  let z = 521288629;
  let w = 88675123 ^ (seed * 2654435761);
  const next = () => {
    const t = x ^ (x << 11);
    x = y;
    y = z;
    z = w;
    w = (w ^ (w >>> 19) ^ (t ^ (t >>> 8))) >>> 0;
    return w / 4294967296;
  };
  for (let i = 0; i < 64; i++) next();
  const normal = () => {
    const u = Math.max(next(), 1e-12);
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * next());
  };
  const choose = (weights) => {
    let u = next() * weights.reduce((a, [, w]) => a + w, 0);
    for (const [value, weight] of weights) if ((u -= weight) < 0) return value;
    return weights[weights.length - 1][0];
  };
  return { next, normal, choose };
}

const sigmoid = (v) => 1 / (1 + Math.exp(-v));
const round = (p) => Number(p.toFixed(5));
const countries = [['us', 40], ['de', 20], ['jp', 20], ['br', 12], ['in', 8]];
const countryEffect = { us: 0.2, de: 0, jp: 0.35, br: -0.3, in: -0.5 };
const devices = [['mobile', 60], ['desktop', 32], ['tablet', 8]];
const deviceEffect = { mobile: -0.1, desktop: 0.25, tablet: 0 };

function impressions(count, seed, onlyCountry) {
  const random = generator(seed);
  const rows = [];
  for (let i = 0; i < count; i++) {
    const country = onlyCountry ?? random.choose(countries);
    const device = random.choose(devices);
    const z = -3.4 + countryEffect[country] + deviceEffect[device] + 1.1 * random.normal();
    const clicked = random.next() < sigmoid(z) ? 1 : 0;
    rows.push({ id: `imp-${seed}-${String(i).padStart(6, '0')}`, country, device, clicked, z, e7: random.normal(), e8: random.normal() });
  }
  return rows;
}

function write(name, rows, score) {
  const lines = ['impression_id,country,device,clicked,score', ...rows.map((r) => `${r.id},${r.country},${r.device},${r.clicked},${round(score(r))}`)];
  writeFileSync(path.join(out, name), `${lines.join('\n')}\n`);
  const positives = rows.reduce((s, r) => s + r.clicked, 0);
  console.log(`${name}: ${rows.length} rows, ${positives} clicks`);
}

mkdirSync(out, { recursive: true });
const ctr = impressions(8000, 7, undefined);
write('ctr-v7.csv', ctr, (r) => sigmoid(0.8 * r.z + 0.9 * r.e7 - 0.6));
write('ctr-v8.csv', ctr, (r) => (r.country === 'jp' && r.device === 'mobile' ? sigmoid(0.7 * r.z + 1.0 * r.e8 + 0.3) : sigmoid(r.z + 0.35 * r.e8 - 0.12)));
const jp = impressions(3000, 2, 'jp');
write('ctr_jp-v2.csv', jp, (r) => sigmoid(r.z + 0.6 * r.e7));
