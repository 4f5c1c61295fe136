import { benchLibrary } from './library';
const [a, h] = process.argv.slice(2).map(Number);
const t = Date.now();
const r = await benchLibrary(a, h);
console.log(JSON.stringify({ ...r, wallS: (Date.now() - t) / 1000 }, null, 1));
