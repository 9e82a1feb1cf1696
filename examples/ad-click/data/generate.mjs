#!/usr/bin/env node
// Writes the bundled example's data: ad impressions (with their click outcome) of a reference day
// and of a current day, and the features the ranker was served for the current day.
//
//   node examples/ad-click/data/generate.mjs
//
// Deterministic: a seeded generator (mulberry32), no clock, no randomness from outside, so the
// committed files are what this script writes. The current day differs on purpose:
//   - device_type: mobile rises from 55 % to 75 % of impressions (drift);
//   - query_length: queries are about 2 tokens longer (drift);
//   - ctr_7d: the 7-day CTR feature is scaled by 1.6 after a pipeline change (drift);
//   - landing_page_quality: the quality model scores pages lower (mean 0.62 → 0.50: drift);
//   - review_engagement: missing from 06:00 to 11:59 (a broken upstream job: availability gap);
//   - geo_country: a new value, 'BR', appears (an unseen category for `paydown validate`);
// and the served features differ from the logged ones for about 3 % of impressions in
// hour_of_day (the serving side used UTC, the log local time): training/serving skew.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const ROWS_PER_DAY = 4000;

function generator(seed) {
  let state = seed >>> 0;
  const uniform = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const normal = (mean, sd) => mean + sd * Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
  const pick = (entries) => {
    const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
    let u = uniform() * total;
    for (const [value, weight] of entries) {
      u -= weight;
      if (u < 0) return value;
    }
    return entries[entries.length - 1][0];
  };
  return { uniform, normal, pick };
}

const countries = [
  ['US', 40, ['CA', 'NY', 'TX', 'WA']],
  ['DE', 20, ['BE', 'BY', 'HH']],
  ['JP', 15, ['13', '27']],
  ['FR', 15, ['IDF', 'ARA']],
  ['GB', 10, ['ENG', 'SCT']],
];
const topics = ['travel', 'finance', 'sports', 'fashion', 'tech', 'food', 'autos'];
const languages = { US: 'en', DE: 'de', JP: 'ja', FR: 'fr', GB: 'en', BR: 'pt' };

function round(value, digits) {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

function impressions(day, seed, current) {
  const random = generator(seed);
  const rows = [];
  for (let i = 0; i < ROWS_PER_DAY; i += 1) {
    const seconds = Math.floor((i / ROWS_PER_DAY) * 86400 + random.uniform() * (86400 / ROWS_PER_DAY));
    const hour = Math.floor(seconds / 3600);
    const ts = `${day} ${String(hour).padStart(2, '0')}:${String(Math.floor(seconds / 60) % 60).padStart(2, '0')}:${String(seconds % 60).padStart(2, '0')}`;
    const countryEntries = countries.map(([code, weight]) => [code, weight]);
    if (current) countryEntries.push(['BR', 3]);
    const country = random.pick(countryEntries);
    const regions = countries.find(([code]) => code === country)?.[2] ?? ['SP', 'RJ'];
    const region = regions[Math.floor(random.uniform() * regions.length)];
    const device = random.pick(current ? [['mobile', 75], ['desktop', 20], ['tablet', 5]] : [['mobile', 55], ['desktop', 38], ['tablet', 7]]);
    const queryLength = Math.max(1, Math.round(random.normal(current ? 6 : 4, 1.8)));
    const ctrBase = Math.min(0.6, Math.max(0.001, random.normal(0.045, 0.02)));
    const ctr = Math.min(1, ctrBase * (current ? 1.6 : 1));
    const oldScore = random.uniform();
    const quality = Math.min(1, Math.max(0, random.normal(current ? 0.5 : 0.62, 0.15)));
    const engagementBroken = current && hour >= 6 && hour < 12;
    const engagement = engagementBroken ? '' : String(round(Math.max(0, random.normal(0.08, 0.03)), 4));
    const clickChance = Math.min(0.95, ctrBase * (1 + 0.4 * quality) * (device === 'desktop' ? 1.2 : 1));
    rows.push({
      impression_id: `${day.replaceAll('-', '')}-${String(i).padStart(5, '0')}`,
      event_ts: ts,
      user_id: `u${Math.floor(random.uniform() * 1500)}`,
      ad_id: `ad${Math.floor(random.uniform() * 120)}`,
      device_type: device,
      geo_country: country,
      geo_region: `${country}-${region}`,
      page_language: languages[country],
      ad_topic: topics[Math.floor(random.uniform() * topics.length)],
      hour_of_day: hour,
      query_length: queryLength,
      ctr_7d: round(ctr, 5),
      old_campaign_score: round(oldScore, 4),
      landing_page_quality: round(quality, 4),
      review_engagement: engagement,
      clicked: random.uniform() < clickChance ? 1 : 0,
    });
  }
  return rows;
}

function csv(rows, columns) {
  const lines = [columns.join(',')];
  for (const row of rows) lines.push(columns.map((column) => String(row[column])).join(','));
  return `${lines.join('\n')}\n`;
}

const columns = Object.keys(impressions('2025-11-21', 1, false)[0]);
const reference = impressions('2025-11-21', 20251121, false);
const current = impressions('2025-11-22', 20251122, true);
writeFileSync(path.join(here, 'impressions-2025-11-21.csv'), csv(reference, columns));
writeFileSync(path.join(here, 'impressions-2025-11-22.csv'), csv(current, columns));

// What the ranker was served for the current day, keyed by impression: the same features,
// except hour_of_day in UTC for the impressions from Japan (3 % of them skewed by 9 hours).
const skewRandom = generator(7);
const served = current.map((row) => ({
  ...row,
  hour_of_day: row.geo_country === 'JP' && skewRandom.uniform() < 0.2 ? (row.hour_of_day + 15) % 24 : row.hour_of_day,
}));
const featureColumns = ['impression_id', 'device_type', 'geo_country', 'page_language', 'ad_topic', 'hour_of_day', 'query_length', 'ctr_7d', 'landing_page_quality'];
writeFileSync(path.join(here, 'training-features-2025-11-22.csv'), csv(current, featureColumns));
writeFileSync(path.join(here, 'serving-features-2025-11-22.csv'), csv(served, featureColumns));
process.stdout.write(`wrote ${ROWS_PER_DAY} impressions a day and the served features to ${here}\n`);
