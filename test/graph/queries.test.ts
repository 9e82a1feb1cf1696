import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PaydownError } from '../../src/errors.js';
import { consumersOf, downstream, impact, pathBetween, upstream } from '../../src/graph/queries.js';
import { adClickGraph } from './system-fixture.js';

const ids = (nodes: readonly { id: string }[]): string[] => nodes.map((node) => node.id).sort();

describe('graph queries', () => {
  const graph = adClickGraph();

  it('upstream gives the whole closure of what a node reads, with depths', () => {
    const nodes = upstream(graph, 'ctr_model');
    assert.deepEqual(ids(nodes), ['click_log', 'ctr_7d', 'ctr_smoothed', 'user_age', 'user_table']);
    const depth = new Map(nodes.map((node) => [node.id, node.depth]));
    assert.equal(depth.get('ctr_smoothed'), 1);
    assert.equal(depth.get('click_log'), 1, 'training data is read directly');
    assert.equal(depth.get('ctr_7d'), 2);
    assert.equal(depth.get('user_table'), 2);
    assert.deepEqual(upstream(graph, 'click_log'), []);
  });

  it('downstream gives everything that reads a node', () => {
    assert.deepEqual(ids(downstream(graph, 'ctr_7d')), ['bidder', 'ctr_dashboard', 'ctr_model', 'ctr_score', 'ctr_smoothed', 'report_job']);
    assert.deepEqual(downstream(graph, 'bidder'), []);
  });

  it('consumers: direct readers only, or all of them with transitive', () => {
    assert.deepEqual(ids(consumersOf(graph, 'ctr_7d', false)), ['ctr_dashboard']);
    assert.deepEqual(ids(consumersOf(graph, 'ctr_7d', true)), ['bidder', 'ctr_dashboard']);
    assert.deepEqual(ids(consumersOf(graph, 'ctr_score', false)), ['bidder']);
  });

  it('impact groups what is affected and names the owners to notify', () => {
    const answer = impact(graph, 'user_table');
    assert.equal(answer.node.id, 'user_table');
    assert.deepEqual(ids(answer.features), ['user_age']);
    assert.deepEqual(ids(answer.models), ['ctr_model']);
    assert.deepEqual(ids(answer.outputs), ['ctr_score']);
    assert.deepEqual(ids(answer.consumers), ['bidder']);
    assert.deepEqual(ids(answer.other), ['report_job']);
    assert.deepEqual(answer.owners, [
      { owner: 'ads-ranking', nodes: ['ctr_model', 'ctr_score'] },
      { owner: 'analytics', nodes: ['report_job'] },
      { owner: 'bidding', nodes: ['bidder'] },
      { owner: 'features', nodes: ['user_age'] },
    ]);
    assert.deepEqual(impact(graph, 'ctr_7d').unowned, ['ctr_smoothed']);
  });

  it('path follows data edges downstream, and upstream when that is the only way', () => {
    assert.deepEqual(
      pathBetween(graph, 'user_table', 'bidder').map((node) => node.id),
      ['user_table', 'user_age', 'ctr_model', 'ctr_score', 'bidder'],
    );
    const back = pathBetween(graph, 'bidder', 'user_table');
    assert.deepEqual(back.map((node) => node.id), ['bidder', 'ctr_score', 'ctr_model', 'user_age', 'user_table']);
    assert.deepEqual(back.map((node) => node.depth), [0, 1, 2, 3, 4]);
    assert.deepEqual(pathBetween(graph, 'user_age', 'ctr_dashboard'), []);
  });

  it('an unknown id is a PaydownError with a suggestion', () => {
    for (const ask of [() => upstream(graph, 'ctr_modle'), () => impact(graph, 'ctr_modle'), () => pathBetween(graph, 'click_log', 'ctr_modle')]) {
      assert.throws(ask, (error: unknown) => {
        assert.ok(error instanceof PaydownError);
        assert.equal(error.code, 'PAYDOWN_NODE_NOT_FOUND');
        assert.match(error.message, /unknown node 'ctr_modle' \(did you mean 'ctr_model'\?\)/);
        return true;
      });
    }
  });
});
