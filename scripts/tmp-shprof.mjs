import fs from 'node:fs';
import v8 from 'node:v8';
v8.setFlagsFromString('--no-wasm-tier-up'); v8.setFlagsFromString('--no-wasm-dynamic-tiering');
const { parseShell } = await import('/work/main/dist/src/shell/parser.js');
const files = fs.readFileSync('/tmp/shlist.txt', 'utf8').trim().split('\n').map((f) => fs.readFileSync(f, 'utf8'));
for (const t of files) await parseShell(t);
const t0 = performance.now();
for (let k = 0; k < 3; k++) for (const t of files) await parseShell(t);
console.log(files.length, 'scripts', ((performance.now() - t0) / 3).toFixed(0), 'ms per pass');
