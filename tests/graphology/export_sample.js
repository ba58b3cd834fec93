// Write a small map the way Gephi Lite saves one: graphology's JSON (graph.export()) and
// GEXF (graphology-gexf's writer). Usage: node export_sample.js OUT.json OUT.gexf
// (run by tests/io/test_web_formats.py)
'use strict';

const fs = require('fs');
const Graph = require('graphology');
const gexf = require('graphology-gexf');

const graph = new Graph({type: 'mixed', multi: true});
graph.setAttribute('name', 'Rough sleeping in Leeds');
graph.addNode('council', {label: 'Leeds City Council', x: 10, y: 20, size: 8, color: '#1f77b4', budget: 2.5});
graph.addNode('outreach', {label: 'Street outreach', x: -30, y: 5, size: 4, color: 'rgb(255, 127, 14)'});
graph.addNode('gp', {label: 'Homeless GP practice', x: 0, y: -40, size: 4, color: '#2ca02c'});
graph.addDirectedEdgeWithKey('e1', 'council', 'outreach', {label: 'funds', weight: 3});
graph.addUndirectedEdgeWithKey('e2', 'outreach', 'gp', {label: 'works with'});
fs.writeFileSync(process.argv[2], JSON.stringify(graph.export()));
fs.writeFileSync(process.argv[3], gexf.write(graph));
