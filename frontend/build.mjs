// npm run build: bundles src/index.ts into one minified IIFE and writes the SHA-256 of the sources next to it.
// The bundle is committed, so Maven never needs Node; ComponentBundleTest recomputes the hash to catch a stale one.
import { build } from "esbuild";
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const outDir = join(here, "..", "src", "main", "resources", "META-INF", "resources", "components");

/** Regular files under dir as relative paths with "/", sorted by their UTF-8 bytes (as the Java test does). */
function sourceFiles(dir, prefix = "") {
    const files = [];
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const rel = prefix + entry.name;
        if (entry.isDirectory()) files.push(...sourceFiles(join(dir, entry.name), rel + "/"));
        else if (entry.isFile()) files.push(rel);
    }
    return files.sort((a, b) => Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8")));
}

/** SHA-256 over the bytes of every file in src (in that order), then package-lock.json. */
function sourcesHash() {
    const hash = createHash("sha256");
    for (const rel of sourceFiles(join(here, "src"))) hash.update(readFileSync(join(here, "src", rel)));
    hash.update(readFileSync(join(here, "package-lock.json")));
    return hash.digest("hex");
}

mkdirSync(outDir, { recursive: true });
await build({
    entryPoints: [join(here, "src", "index.ts")],
    outfile: join(outDir, "chartroom-components.js"),
    bundle: true,
    minify: true,
    format: "iife",
    target: "es2022",
    legalComments: "none",
    logLevel: "info",
});
const hash = sourcesHash();
writeFileSync(join(outDir, "chartroom-components.sources.sha256"), hash + "\n");
console.log(`sources sha256 ${hash}`);
