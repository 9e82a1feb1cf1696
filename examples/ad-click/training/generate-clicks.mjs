// Generates clicks.csv, the training data of the `ctr` model for `paydown lofo`:
//   node examples/ad-click/training/generate-clicks.mjs
// Deterministic (fixed seed, own generator): running it again writes the same bytes.
//
// What the data is built to show (the click probability is a logistic function of these):
// - ctr_7d, user_clicks_30d, ad_topic, device_type: clearly useful;
// - query_length: a small but real effect;
// - page_language: a real effect too small to show on this much data (mean drop below epsilon);
// - hour_of_day: pure noise, an epsilon-feature (LOFO should say remove);
// - product_id_old / product_id_new: a correlated pair; new products have no old id
//   ('none'), so each id alone looks almost useless while the two together matter;
// - geo_country / geo_region / geo_city: the bundle geo-2024; the city determines the region and the
//   region the country, and only the country has an effect.
import { writeFileSync } from 'node:fs';

const ROWS = 16000;

function generator(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    z ^= z >>> 16;
    return (z >>> 0) / 4294967296;
  };
}
const random = generator(20251123);
const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
const pick = (list) => list[Math.floor(random() * list.length)];
const weighted = (entries) => {
  const total = entries.reduce((sum, [, w]) => sum + w, 0);
  let u = random() * total;
  for (const [value, w] of entries) {
    u -= w;
    if (u <= 0) return value;
  }
  return entries[entries.length - 1][0];
};

const topics = [['travel', 0.5], ['finance', -0.3], ['games', 0.35], ['fashion', 0.1], ['news', -0.45], ['sports', 0.2], ['food', 0.0], ['tech', -0.1]];
const devices = [['phone', 0.3, 6], ['desktop', -0.25, 3], ['tablet', 0.0, 1]];
const languages = [['en', 0.05, 6], ['de', -0.05, 2], ['fr', 0.0, 2], ['ja', 0.1, 1]];
const countries = { DE: 0.4, FR: -0.35, JP: 0.0, US: 0.15 };
const cities = [];
for (const country of Object.keys(countries)) {
  for (let r = 1; r <= 3; r += 1) for (let c = 1; c <= 4; c += 1) cities.push({ country, region: `${country}-R${r}`, city: `${country}-R${r}-C${c}` });
}
const products = Array.from({ length: 120 }, (_, i) => ({
  newId: `P${String(1000 + i)}`,
  oldId: i < 90 ? `L${String(500 + ((i * 37) % 90)).padStart(4, '0')}` : 'none',
  effect: 0.45 * normal(),
}));

const header = ['ctr_7d', 'user_clicks_30d', 'ad_topic', 'product_id_old', 'product_id_new', 'query_length', 'device_type', 'page_language', 'hour_of_day', 'geo_country', 'geo_region', 'geo_city', 'clicked'];
const lines = [header.join(',')];
for (let row = 0; row < ROWS; row += 1) {
  const ctr = Math.min(0.4, Math.max(0.001, 0.04 + 0.025 * normal()));
  const userClicks = Math.floor(-Math.log(1 - random()) * 6);
  const [topic, topicEffect] = pick(topics);
  const product = pick(products);
  const queryLength = 1 + Math.floor(-Math.log(1 - random()) * 3);
  const [device, deviceEffect] = weighted(devices.map((d) => [d, d[2]]));
  const [language, languageEffect] = weighted(languages.map((l) => [l, l[2]]));
  const hour = Math.floor(random() * 24);
  const place = pick(cities);
  const logit =
    -2.6 + 30 * (ctr - 0.04) + 0.09 * Math.min(userClicks, 20) + topicEffect + product.effect + 0.06 * Math.min(queryLength, 10) + deviceEffect + languageEffect + countries[place.country];
  const clicked = random() < 1 / (1 + Math.exp(-logit)) ? 1 : 0;
  lines.push([ctr.toFixed(4), userClicks, topic, product.oldId, product.newId, queryLength, device, language, hour, place.country, place.region, place.city, clicked].join(','));
}
writeFileSync(new URL('./clicks.csv', import.meta.url), `${lines.join('\n')}\n`);
