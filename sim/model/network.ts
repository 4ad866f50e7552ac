/** The final tie network as GraphML (firms, organisations, and portfolio plus main-supplier ties). */
import { ORG_TYPES, PARTNER_TYPES } from '../config/fields.js';
import type { World } from './world.js';

const esc = (v: string) =>
  v.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Serialise the network at the end of a run. */
export function networkGraphML(w: World): string {
  const f = w.firms;
  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">',
    '<key id="kind" for="node" attr.name="kind" attr.type="string"/>',
    '<key id="sector" for="node" attr.name="sector" attr.type="string"/>',
    '<key id="region" for="node" attr.name="region" attr.type="int"/>',
    '<key id="sli" for="node" attr.name="sli" attr.type="double"/>',
    '<key id="type" for="edge" attr.name="type" attr.type="string"/>',
    '<graph id="ties" edgedefault="undirected">',
  ];
  for (let o = 0; o < w.orgs.count; o++) {
    out.push(
      `<node id="o${o}"><data key="kind">${ORG_TYPES[w.orgs.type[o]!]}</data><data ` +
        `key="region">${w.orgs.region[o]! + 1}</data></node>`,
    );
  }
  for (let i = 0; i < f.n; i++) {
    out.push(
      `<node id="f${f.id[i]}"><data key="kind">firm</data><data ` +
        `key="sector">${esc(w.s.sectors[f.sector[i]!]!)}</data>` +
        `<data key="region">${f.region[i]! + 1}</data><data key="sli">${f.depth[i]!.toFixed(6)}</data></node>`,
    );
  }
  for (let i = 0; i < f.n; i++) {
    out.push(
      `<edge source="f${f.id[i]}" target="o${f.supplier[i]}"><data key="type">main-supplier</data></edge>`,
    );
    for (let slot = i * w.maxTies; slot < (i + 1) * w.maxTies; slot++) {
      const type = f.tieType[slot]!;
      if (type < 0) continue;
      const target = type === 2 ? `f${f.tiePartnerId[slot]}` : `o${f.tiePartner[slot]}`;
      out.push(
        `<edge source="f${f.id[i]}" target="${target}"><data key="type">${PARTNER_TYPES[type]}</data></edge>`,
      );
    }
  }
  out.push('</graph>', '</graphml>', '');
  return out.join('\n');
}
