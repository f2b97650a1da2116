import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type Input, readInput } from "../../src/ingest/input.js";
import { chooseFormat, promisedFormat } from "../../src/ingest/readers/choose.js";
import { renderScript } from "../../src/script-file/text-form.js";
import type { Script } from "../../src/types.js";

/** The one input entry: whatever a file or a server's answer holds, its format is chosen once. */
const dir = mkdtempSync(join(tmpdir(), "presscast-input-"));
const file = (name: string, text: string | Buffer) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const bytes = (text: string) => new TextEncoder().encode(text);
const formatOf = (input: Input) => (input.kind === "script" ? "script" : input.document.format);

const script: Script = {
  meta: { title: "Bridges", language: "en" },
  speakers: [{ id: "narrator", role: "narrator" }],
  chapters: [{ title: "Bridges", segments: [{ speaker: "narrator", text: "Bridges span rivers." }] }],
  dropped: [],
};
const ARTICLE = "Bridges of the city\n\nThe old bridge was built in 1820. It still carries trams.\n";
const PAGE = `<!doctype html><html><head><title>Bridges</title></head><body><article><h1>Bridges</h1><p>${"The old bridge was built in 1820 and still carries trams across the river. ".repeat(4)}</p></article></body></html>`;

describe("readInput", () => {
  it("reads a presscast script as the Script it is, whatever the file is called", async () => {
    for (const name of ["bridges.txt", "bridges.script", "bridges.yaml", "bridges"]) {
      const read = await readInput(file(name, renderScript(script)));
      expect(read).toEqual({ kind: "script", script });
    }
    const json = await readInput(file("bridges.json", JSON.stringify(script)));
    expect(json).toEqual({ kind: "script", script });
  });

  it("reads a script saved with a byte-order mark or as UTF-16 (it is decoded before it is sniffed)", async () => {
    const text = renderScript(script);
    const bom = await readInput(
      file("bom.txt", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)])),
    );
    expect(bom.kind).toBe("script");
    const utf16 = await readInput(
      file("le.txt", Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")])),
    );
    expect(utf16.kind).toBe("script");
  });

  it("takes the format from the name, and a page saved as .txt is still read as a page", async () => {
    expect(formatOf(await readInput(file("a.txt", ARTICLE)))).toBe("text");
    expect(formatOf(await readInput(file("a.md", `# Bridges\n\n${ARTICLE}`)))).toBe("markdown");
    expect(formatOf(await readInput(file("a.html", PAGE)))).toBe("html");
    expect(formatOf(await readInput(file("saved.txt", PAGE)))).toBe("html");
    // Plain text may contain "#": a .txt is not sniffed as Markdown; a file with no extension is.
    expect(formatOf(await readInput(file("b.txt", `# Bridges\n\n${ARTICLE}`)))).toBe("text");
    expect(formatOf(await readInput(file("b", `# Bridges\n\n${ARTICLE}`)))).toBe("markdown");
  });

  it("gives every article a title and its headings without quotes", async () => {
    const read = await readInput({
      name: "notes/old-bridges.md",
      bytes: bytes('Some text about bridges.\n\n## "The tram"\n\nIt runs.\n'),
    });
    if (read.kind !== "article") throw new Error("not an article");
    expect(read.document.meta.title).toBe("Old bridges");
    expect(read.document.blocks.find((b) => b.kind === "heading")).toMatchObject({ text: "The tram" });
  });

  it("refuses an extension it does not read, unless the content is a script", async () => {
    await expect(readInput(file("a.pdf", ARTICLE))).rejects.toThrow(
      /a\.pdf has the extension "\.pdf", which presscast does not read; give a \.txt, \.md or \.html file\./,
    );
    expect((await readInput(file("c.pdf", renderScript(script)))).kind).toBe("script");
  });

  it("refuses bytes over 10 MB, naming them", async () => {
    const big = new Uint8Array(10 * 1024 * 1024 + 1).fill(65);
    await expect(readInput({ name: "big.txt", bytes: big })).rejects.toThrow(
      "big.txt is more than the 10 MB presscast reads for it; give a smaller file.",
    );
  });
});

describe("a server's answer promises a format as a file's name does", () => {
  const url = (path: string, mediaType: string) => ({ name: `https://example.com${path}`, mediaType });
  it.each([
    ["/a", "text/html", "html"],
    ["/a.md", "text/plain", "markdown"],
    ["/a.html", "text/plain", "html"],
    ["/a", "text/plain", "text"],
    ["/a.txt", "application/octet-stream", undefined],
    ["/a.php", "", undefined],
    ["/a", "text/markdown", "markdown"],
  ])("%s served as %s promises %s", (path, mediaType, expected) => {
    expect(promisedFormat(url(path, mediaType))).toBe(expected);
  });

  it("reads the address after redirects for its extension", () => {
    expect(
      promisedFormat({ name: "https://example.com/a", location: "https://example.com/a.md", mediaType: "" }),
    ).toBe("markdown");
  });

  it("sniffs Markdown only when nothing was promised", () => {
    expect(chooseFormat("# Title\n\nText.", url("/a", ""))).toBe("markdown");
    expect(chooseFormat("# Title\n\nText.", url("/a", "text/plain"))).toBe("text");
    expect(chooseFormat(PAGE, url("/a", "text/plain"))).toBe("html");
  });
});
