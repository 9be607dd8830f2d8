// The measures of a setup as people read them: a two-column table under the verdict (text), and the
// pull-request section (`verify --format markdown`, which `migrate --format markdown --verify-report`
// includes).
import type { Measures, SideMeasures } from './measure.js';
import type { SetupReport, VerifyReport } from './report.js';

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
}

function bytes(n: number): string {
  if (n < 1000) return `${n} B`;
  const units = ['kB', 'MB', 'GB', 'TB'];
  let v = n;
  let u = -1;
  while (v >= 1000 && u < units.length - 1) {
    v /= 1000;
    u++;
  }
  return `${v.toFixed(v < 10 ? 2 : 1)} ${units[u]}`;
}

const images = (s: SideMeasures) => s.finalImages.map((i) => `${bytes(i.size)}, ${i.layers} layer${i.layers === 1 ? '' : 's'}`).join('; ');

/** Rows of the text table: what, legacy, migrated. */
function rows(m: Measures): string[][] {
  const warm = (s: SideMeasures) => (s.warmMs === null ? 'not measured' : seconds(s.warmMs));
  return [
    ['measured', 'legacy', 'migrated'],
    ['cold build', seconds(m.legacy.coldMs), seconds(m.migrated.coldMs)],
    ['path' in m.warmEdit ? `warm rebuild (${m.warmEdit.path} changed)` : 'warm rebuild', warm(m.legacy), warm(m.migrated)],
    [
      'images built',
      `${m.legacy.imagesBuilt} (${m.legacy.intermediateImages} intermediate)`,
      `${m.migrated.imagesBuilt} (${m.migrated.intermediateImages} intermediate)`,
    ],
    ['containers created', String(m.legacy.containers), String(m.migrated.containers)],
    ['build context sent', bytes(m.legacy.contextBytes), bytes(m.migrated.contextBytes)],
    ['files written in the tree', String(m.legacy.hostFilesWritten), String(m.migrated.hostFilesWritten)],
    ['final image', images(m.legacy), images(m.migrated)],
  ];
}

export function measuresText(m: Measures): string[] {
  const table = rows(m);
  const widths = [0, 1].map((i) => Math.max(...table.map((r) => r[i]!.length)));
  const lines = table.map((r) => `${r[0]!.padEnd(widths[0]!)}  ${r[1]!.padEnd(widths[1]!)}  ${r[2]}`.trimEnd());
  lines.push(sizeSentence(m));
  if ('skipped' in m.warmEdit) lines.push(`no warm rebuild: ${m.warmEdit.skipped}`);
  return lines;
}

/** Equal sizes are what a correct migration gives; said either way. */
function sizeSentence(m: Measures): string {
  const a = m.legacy.finalImages.map((i) => i.size);
  const b = m.migrated.finalImages.map((i) => i.size);
  if (a.every((x, i) => x === b[i])) return 'final image sizes are equal, as expected of the same image';
  return `final image sizes differ: ${a.map(bytes).join(', ')} legacy, ${b.map(bytes).join(', ')} migrated`;
}

/** The sentence of a PR section for one setup: what was proved, and what the migration buys. */
function setupSentence(s: SetupReport, engine: VerifyReport['engine']): string {
  const on = engine ? ` on Docker ${engine.server} (${engine.client})` : '';
  const proved = s.proof ? `; proved: ${s.proof.text}` : '';
  switch (s.verdict) {
    case 'equivalent': {
      const compared = s.compared ? `: ${s.compared.paths} paths, ${s.compared.configKeys} config keys compared` : '';
      const m = s.measures;
      if (!m) return `verified equivalent${on}${compared}${proved}`;
      const warm = m.legacy.warmMs !== null && m.migrated.warmMs !== null ? `, warm rebuild ${seconds(m.legacy.warmMs)} → ${seconds(m.migrated.warmMs)}` : '';
      const images = m.legacy.intermediateImages - m.migrated.intermediateImages;
      const containers = m.legacy.containers - m.migrated.containers;
      const gone = [
        images > 0 ? `${images} intermediate image${images === 1 ? '' : 's'}` : '',
        containers > 0 ? `${containers} container${containers === 1 ? '' : 's'}` : '',
      ].filter((x) => x !== '');
      return `verified equivalent${on}${compared}; cold build ${seconds(m.legacy.coldMs)} → ${seconds(m.migrated.coldMs)}${warm}${gone.length ? `; ${gone.join(' and ')} no longer created` : ''}${proved}`;
    }
    case 'different':
      return `**different**${on}: ${s.differences.length} difference${s.differences.length === 1 ? '' : 's'} (see \`restage verify\`)${proved}`;
    case 'could-not-build':
      return `**could not build** (${s.side ?? 'legacy'}: ${s.step ?? ''})`;
    case 'refused':
      return `refused (${(s.rules ?? []).join(', ')}), nothing to verify`;
  }
}

/** `restage verify --format markdown`: a section for a pull request body. */
export function verifyMarkdown(r: VerifyReport): string {
  const out = ['## restage verify', ''];
  if (r.setups.length === 0) return `${out.join('\n')}No builder-pattern setup found, nothing to verify.\n`;
  for (const s of r.setups) {
    out.push(`### \`${s.driver}\``, '', `${setupSentence(s, r.engine)}.`, '');
    if (s.measures) {
      const table = rows(s.measures);
      out.push(`| ${table[0]!.join(' | ')} |`, '|---|---|---|', ...table.slice(1).map((row) => `| ${row.join(' | ')} |`), '');
      out.push(`${sizeSentence(s.measures)}.`, '');
    }
  }
  return `${out.join('\n')}`;
}
