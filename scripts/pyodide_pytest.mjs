// @ts-check
// Run the engine's pytest suite inside Pyodide (Python 3.14) under Node, so the runtime the
// browser uses is checked, not only this machine's CPython.
//   node scripts/pyodide_pytest.mjs WHEEL_DIR [pytest args...]
// WHEEL_DIR holds the calculators wheel (built by python -m ka_site.build.engine.build_wheel) and the pure-Python
// wheels of pytest, hypothesis and their dependencies (downloaded by scripts/setup.sh --test).
// The tests run against the installed wheel, exactly what the site serves.

import { readFileSync, readdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { loadPyodide } from "pyodide";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const [wheelDir, ...pytestArgs] = process.argv.slice(2);
if (!wheelDir) {
  console.error("usage: node scripts/pyodide_pytest.mjs WHEEL_DIR [pytest args...]");
  process.exit(2);
}

const pyodide = await loadPyodide({ stdout: (s) => console.log(s), stderr: (s) => console.error(s) });
const sitePackages = pyodide.runPython("import sysconfig; sysconfig.get_paths()['purelib']");
for (const name of readdirSync(wheelDir).filter((n) => n.endsWith(".whl")).sort()) {
  // unpackArchive throws on a broken wheel (loadPackage would only log it)
  const wheel = new Uint8Array(readFileSync(join(wheelDir, name)));
  pyodide.unpackArchive(wheel, "wheel", { extractDir: sitePackages });
}
pyodide.FS.mkdirTree("/project");
pyodide.FS.mount(pyodide.FS.filesystems.NODEFS, { root }, "/project");
// The command line is not in the wheel (the browser never runs it): its tests run the checkout's
// command line over the wheel's engine.
const cli = join(root, "calculators", "cli");
pyodide.FS.mkdirTree(`${sitePackages}/calculators/cli`);
for (const name of readdirSync(cli).filter((n) => n.endsWith(".py"))) {
  pyodide.FS.writeFile(`${sitePackages}/calculators/cli/${name}`, readFileSync(join(cli, name)));
}
pyodide.globals.set("pytest_args", pyodide.toPy(pytestArgs));
const code = await pyodide.runPythonAsync(`
import os, sys, platform
import calculators  # before moving into the project, so the wheel is what gets imported
assert "site-packages" in calculators.__file__, calculators.__file__
os.chdir("/project")
print(f"Python {platform.python_version()} on {sys.platform}; calculators from {calculators.__file__}")
import pytest
pytest.main(["-p", "no:cacheprovider", *pytest_args])
`);
process.exit(Number(code));
