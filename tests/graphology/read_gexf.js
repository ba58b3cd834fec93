// Read GEXF files with graphology-gexf, as Gephi Lite opens them, and print what it found
// as one JSON object per file: {file: {type, nodes, labels, edges: [[source, target, undirected]]}}.
// Usage: node read_gexf.js FILE... (run by tests/io/test_graphology.py)
'use strict';

const fs = require('fs');
const Graph = require('graphology');
const gexf = require('graphology-gexf');

const found = {};
for (const file of process.argv.slice(2)) {
  const graph = gexf.parse(Graph, fs.readFileSync(file, 'utf-8'));
  const labels = {};
  graph.forEachNode((node, attributes) => {
    labels[node] = attributes.label;
  });
  const edges = [];
  graph.forEachEdge((edge, attributes, source, target, s, t, undirected) => {
    edges.push([source, target, undirected, attributes.label === undefined ? null : attributes.label]);
  });
  found[file] = {type: graph.type, nodes: graph.order, labels, edges, meta: graph.getAttributes()};
}
process.stdout.write(JSON.stringify(found));
