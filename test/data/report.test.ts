import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { escapeHtml } from '../../src/format/html/escape.js';
import { renderDataReport, reportInputFromJson } from '../../src/data/report/render-report.js';
import { EVIL, drift, inputs, profile, skew } from './report-fixture.js';

describe('data report html', () => {
  const html = renderDataReport(inputs, { title: `report ${EVIL}`, generatedAt: '2026-01-01T00:00:00Z' });

  it('is self-contained: no remote URL, Chart.js inlined', () => {
    assert.doesNotMatch(html, /<script[^>]+src=/i);
    assert.doesNotMatch(html, /<link[^>]+href=/i);
    assert.doesNotMatch(html, /https?:\/\/cdn/i);
    assert.match(html, /Chart\.js v4/);
  });

  it('escapes every text from the data', () => {
    assert.ok(!html.includes(EVIL), 'raw markup does not appear');
    assert.ok(html.includes(escapeHtml(`report ${EVIL}`)));
    assert.equal(escapeHtml(`<a href="x">'&'</a>`), '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    const json = /<script type="application\/json" id="paydown-charts">([\s\S]*?)<\/script>/.exec(html);
    assert.ok(json);
    assert.ok(!json[1].includes('<'), 'chart JSON has no raw <');
  });

  it('sorts columns worst first in each section', () => {
    const order = (kind: string): string[] => {
      const section = new RegExp(`data-kind="${kind}">([\\s\\S]*?)</section>`).exec(html);
      assert.ok(section, kind);
      return [...section[1].matchAll(/data-column="([^"]*)"/g)].map((match) => match[1]);
    };
    assert.deepEqual(order('drift'), ['country', 'age', 'income']);
    assert.deepEqual(order('skew'), ['price', 'clicks']);
    assert.deepEqual(order('profile'), ['city', 'age']);
  });

  it('shows the statistic and threshold', () => {
    assert.match(html, /<dt>method<\/dt><dd>psi<\/dd><dt>statistic<\/dt><dd>0\.4<\/dd><dt>threshold<\/dt><dd>drift when &gt; 0\.2<\/dd>/);
    assert.match(html, /drift when &lt; 0\.05/);
  });

  it('tells result kinds from their JSON', () => {
    assert.equal(reportInputFromJson(JSON.parse(JSON.stringify(profile)))?.kind, 'profile');
    assert.equal(reportInputFromJson(JSON.parse(JSON.stringify(skew)))?.kind, 'skew');
    assert.equal(reportInputFromJson(JSON.parse(JSON.stringify(drift)))?.kind, 'drift');
    assert.equal(reportInputFromJson({ source: 'x', checks: [] })?.kind, 'validate');
    assert.equal(reportInputFromJson({ hello: 1 }), undefined);
  });
});
