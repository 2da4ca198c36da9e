// Typst peer driver for bench/batch_bench.sh:
//   node typst-render.mjs NODE_PREFIX TEMPLATE.typ DATA.json OUT.pdf FONT_DIR
//   node typst-render.mjs NODE_PREFIX --version
// NODE_PREFIX is the folder holding node_modules/@myriaddreamin/typst-ts-node-compiler.
// Prints one JSON line on stdout: pages and the times (seconds) measured inside
// node: load (require the addon), init (compiler + fonts), compile (layout), pdf (export), write.
import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

const [prefix, template, data, out, fontDir] = process.argv.slice(2);
if (template === '--version') {  // print the embedded Typst version (not part of a timed run)
  const require = createRequire(resolve(prefix) + '/');
  const { NodeCompiler } = require('@myriaddreamin/typst-ts-node-compiler');
  const c = NodeCompiler.create({ workspace: '/' });
  console.log(c.query({ mainFileContent: '#metadata(str(sys.version)) <v>' },
                      { selector: '<v>' })[0].value);
  process.exit(0);
}
if (!fontDir) {
  console.error('usage: node typst-render.mjs NODE_PREFIX TEMPLATE.typ DATA.json OUT.pdf FONT_DIR');
  process.exit(2);
}
const now = () => performance.now() / 1000;

const t0 = now();
const require = createRequire(resolve(prefix) + '/');
const { NodeCompiler } = require('@myriaddreamin/typst-ts-node-compiler');
const t1 = now();
const compiler = NodeCompiler.create({
  workspace: '/',
  fontArgs: [{ fontPaths: [resolve(fontDir)] }],
  inputs: { data: resolve(data) },
});
const t2 = now();
const result = compiler.compile({ mainFilePath: resolve(template) });
const doc = result.result;
if (result.hasError() || !doc) {
  result.printDiagnostics();
  process.exit(1);
}
const t3 = now();
// Untagged PDF: gongwen writes no structure tree either (and it gives Typst its fastest export).
const pdf = compiler.pdf(doc, { pdfTags: false });
const t4 = now();
writeFileSync(out, pdf);
const t5 = now();

const r = (x) => Math.round(x * 1000) / 1000;
console.log(JSON.stringify({
  pages: doc.numOfPages, bytes: pdf.length,
  load_s: r(t1 - t0), init_s: r(t2 - t1), compile_s: r(t3 - t2), pdf_s: r(t4 - t3),
  write_s: r(t5 - t4), inside_node_s: r(t5 - t0),
}));
