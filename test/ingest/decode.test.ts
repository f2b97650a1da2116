import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/errors.js";
import { ingest } from "../../src/ingest/input.js";

const dir = mkdtempSync(join(tmpdir(), "presscast-ingest-"));
const file = (name: string, data: string | Uint8Array) => {
  const path = join(dir, name);
  writeFileSync(path, data);
  return path;
};
const article =
  "A title worth reading\n\nThe first paragraph of the article says something. It has two sentences.\n";

async function rejects(path: string, message: RegExp) {
  const error = await ingest(path).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(InputError);
  expect((error as InputError).exitCode).toBe(2);
  expect((error as Error).message).toContain(path);
  expect((error as Error).message).toMatch(message);
}

const bodyText = (doc: Awaited<ReturnType<typeof ingest>>) =>
  doc.blocks.map((b) => ("text" in b ? b.text : "")).join(" ");

/** windows-1251 for the Russian alphabet (А–я and Ё/ё); ASCII as itself. */
function cyrillicByte(ch: string): number {
  const code = ch.codePointAt(0) ?? 0;
  if (code < 0x80) return code;
  if (code >= 0x410 && code <= 0x44f) return code - 0x410 + 0xc0;
  if (code === 0x401) return 0xa8;
  if (code === 0x451) return 0xb8;
  return 0x3f;
}

describe("ingest: decoding and bad input", () => {
  it("reads UTF-8 with and without a BOM, and UTF-16 with a BOM", async () => {
    const plain = await ingest(file("plain.txt", article));
    const bom = await ingest(
      file("bom.txt", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(article)])),
    );
    const le = await ingest(
      file("le.txt", Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(article, "utf16le")])),
    );
    const beBody = Buffer.from(article, "utf16le").swap16();
    const be = await ingest(file("be.txt", Buffer.concat([Buffer.from([0xfe, 0xff]), beBody])));
    for (const doc of [bom, le, be]) expect(doc.blocks).toEqual(plain.blocks);
    expect(plain.meta.title).toBe("A title worth reading");
  });

  it("decodes a legacy charset an HTML page declares", async () => {
    const html = `<html><head><meta charset="windows-1251"><title>Новости дня</title></head><body><article><h1>Новости дня</h1><p>${"Это первый абзац статьи о событиях дня. ".repeat(8)}</p><p>${"Второй абзац продолжает рассказ. ".repeat(8)}</p></article></body></html>`;
    const encoded = Buffer.from(
      [...html].map((ch) => {
        const code = ch.codePointAt(0) ?? 0;
        if (code < 0x80) return code;
        if (code >= 0x410 && code <= 0x44f) return code - 0x410 + 0xc0;
        return 0x3f;
      }),
    );
    const doc = await ingest(file("cp1251.html", encoded));
    expect(doc.blocks.map((b) => ("text" in b ? b.text : "")).join(" ")).toContain("Это первый абзац статьи");
    expect(doc.meta.language).toBeUndefined();
  });

  it("normalises no-break and zero-width spaces and composes to NFC", async () => {
    const doc = await ingest(
      file(
        "spaces.txt",
        "Title here now\n\nLe « mot\u00a0» e\u0301te\u0301 zero\u200bwidth text goes here.\n",
      ),
    );
    const text = doc.blocks.map((b) => ("text" in b ? b.text : "")).join(" ");
    expect(text).toBe("Le « mot » été zerowidth text goes here.");
  });

  it("refuses empty, whitespace-only, binary and NUL-laden files", async () => {
    await rejects(file("empty.txt", ""), /empty/);
    await rejects(file("blank.txt", "  \n\t \n"), /only whitespace/);
    await rejects(
      file("image.txt", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0])),
      /binary/,
    );
    await rejects(file("nul.txt", `Some text\u0000with a NUL byte inside it`), /binary|NUL/);
    await rejects(
      file("random.md", Buffer.from(Array.from({ length: 512 }, (_, i) => (i * 37) % 256))),
      /binary|not valid/,
    );
  });

  it("reads a text file that is not UTF-8 by detection, never refusing it and never as mojibake", async () => {
    const latin = await ingest(
      file(
        "latin1.txt",
        Buffer.from(
          "Café au lait\n\nLe café au lait est une boisson très appréciée des Français, été comme hiver.\n",
          "latin1",
        ),
      ),
    );
    expect(latin.meta.title).toBe("Café au lait");
    expect(bodyText(latin)).toContain("très appréciée des Français, été comme hiver.");
    const russian =
      "В Москве прошла встреча министров иностранных дел. Стороны обсудили вопросы безопасности и торговли, а также подготовку к следующему саммиту. ".repeat(
        3,
      );
    const cp1251 = Buffer.from([...russian].map((ch) => cyrillicByte(ch)));
    const doc = await ingest(file("cp1251.txt", cp1251));
    expect(bodyText(doc)).toContain("В Москве прошла встреча министров иностранных дел.");
  });

  it("believes the bytes over a page's wrong declaration, either way", async () => {
    const paragraph =
      "Die Bürger können über Gebühren für Straßenreinigung abstimmen, schreibt die Zeitung. ";
    const page = (charset: string) =>
      `<html><head><meta charset="${charset}"><title>Gebühren</title></head><body><article><h1>Gebühren</h1><p>${paragraph.repeat(6)}</p></article></body></html>`;
    const saidUtf8 = await ingest(file("said-utf8.html", Buffer.from(page("utf-8"), "latin1")));
    const saidLatin = await ingest(file("said-latin.html", Buffer.from(page("iso-8859-1"), "utf8")));
    for (const doc of [saidUtf8, saidLatin]) {
      expect(bodyText(doc)).toContain("Die Bürger können über Gebühren für Straßenreinigung abstimmen");
      expect(bodyText(doc)).not.toMatch(/Ã|�/);
    }
  });

  it("reads a UTF-8 file with a few stray Latin-1 bytes without garbling its other letters", async () => {
    const utf8 = Buffer.from(
      "Über die Brücke\n\nDie Brücke über den Fluß wird im Frühjahr für Fußgänger geöffnet, sagt die Stadt. ",
    );
    const stray = Buffer.from("Ein Café öffnet daneben.\n", "latin1");
    const doc = await ingest(file("mixed.txt", Buffer.concat([utf8, stray])));
    expect(bodyText(doc)).toContain("für Fußgänger geöffnet, sagt die Stadt. Ein Café öffnet daneben.");
  });

  it("refuses unknown extensions, directories, missing files, and pages without text", async () => {
    await rejects(file("article.pdf", article), /extension "\.pdf"/);
    const folder = join(dir, "folder.txt");
    mkdirSync(folder);
    await rejects(folder, /directory/);
    await rejects(join(dir, "missing.txt"), /does not exist/);
    await rejects(
      file("scripts.html", "<html><body><script>var a = 1;</script><style>p{}</style></body></html>"),
      /no readable article text/,
    );
    await rejects(file("front.md", "---\ntitle: Only front matter\n---\n"), /no article text/);
  });

  it("sniffs a saved page behind a .txt name", async () => {
    const page = `<!doctype html><html lang="en"><head><title>Saved</title></head><body><article><p>${"A saved page paragraph with enough words to count as an article body. ".repeat(6)}</p></article></body></html>`;
    const doc = await ingest(file("saved.txt", page));
    expect(doc.format).toBe("html");
  });
});
