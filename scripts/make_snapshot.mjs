// @ts-check
// Make a Pyodide memory snapshot with the calculators package and every calculator imported,
// gzipped, so the browser can restore a ready Python instead of starting one.
//   node scripts/make_snapshot.mjs WHEEL OUT.gz [STDLIB.zip]
// STDLIB is the standard library the site serves (repacked, ka_site.build.engine.stdlib_zip): the snapshot
// must be made over the same archive the browser mounts, or Python looks for files where they
// are not.
// The site's pyodide_assets hook runs this after building the wheel (and caches the result by
// the wheel's hash). The worker falls back to a normal start if the snapshot cannot be used.
// Snapshots are private to Pyodide: making one goes through the seam (pyodide-seam.mjs).

import { readFileSync, writeFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { loadPyodide } from "pyodide";
import { memorySnapshot, startForSnapshot } from "../docs/javascripts/pyodide-seam.mjs";

const [wheelPath, outPath, stdLibURL] = process.argv.slice(2);
if (!wheelPath || !outPath) {
  console.error("usage: node scripts/make_snapshot.mjs WHEEL OUT.gz [STDLIB.zip]");
  process.exit(2);
}
const pyodide = await startForSnapshot(loadPyodide, stdLibURL ? { stdLibURL } : {});
const sitePackages = pyodide.runPython("import sysconfig; sysconfig.get_paths()['purelib']");
pyodide.unpackArchive(new Uint8Array(readFileSync(wheelPath)), "wheel", { extractDir: sitePackages });
// Import everything a page can ask for: the snapshot holds modules, not the files behind them.
// The file reading layer too (calculators.tables; openpyxl is installed later, on demand).
pyodide.runPython(`
import calculators
for calc in calculators.REGISTRY.values():
    calculators.score_json(calc.slug, "{}", "en")
import calculators.tables, calculators.tables._xlsx
calculators.table_import_json("pipeline", "deals", b"name,stage,amount_wan\\nX,need_defined,1\\n", "x.csv")
calculators.table_export_json("pipeline", "deals", "[]", "csv")
`);
writeFileSync(outPath, gzipSync(memorySnapshot(pyodide), { level: 6 }));
