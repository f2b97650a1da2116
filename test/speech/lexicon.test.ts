import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/errors.js";
import { applyLexicon, loadLexicon } from "../../src/speech/lexicon.js";
import { defaultLexiconPath } from "../../src/speech/profile.js";

describe("the shipped lexicon", async () => {
  const lexicon = await loadLexicon([defaultLexiconPath]);

  it("spells out acronyms engines misread, on whole words only", () => {
    expect(applyLexicon("The CSTO and the EU's NATO talks", lexicon, "en")).toBe(
      "The C S T O and the E U's Nato talks",
    );
    expect(applyLexicon("CSTOs EUROPE USED", lexicon, "en")).toBe("CSTOs EUROPE USED");
  });

  it("matches acronyms case-sensitively", () => {
    expect(applyLexicon("the US told us", lexicon, "en")).toBe("the U S told us");
    expect(applyLexicon("5% of GDP, an IED, an LED; PII at the CNIL", lexicon, "en-GB")).toBe(
      "5% of G D P, an I E D, an L E D; P I I at the C N I L",
    );
  });

  it("keeps languages apart", () => {
    expect(applyLexicon("OTAN et UE", lexicon, "fr")).toBe("Otan et U E");
    expect(applyLexicon("OTAN et UE", lexicon, "en")).toBe("OTAN et UE");
  });
});

describe("extra lexicon files", () => {
  it("override earlier entries, match ordinary words in any case, and report bad files by name", async () => {
    const dir = await mkdtemp(join(tmpdir(), "presscast-lexicon-"));
    const extra = join(dir, "extra.yaml");
    await writeFile(extra, "en:\n  NATO: N A T O\n  Tasmagambetov: Tasma gambetov\n");
    const lexicon = await loadLexicon([defaultLexiconPath, extra]);
    expect(applyLexicon("NATO and TASMAGAMBETOV", lexicon, "en")).toBe("N A T O and Tasma gambetov");

    const bad = join(dir, "bad.yaml");
    await writeFile(bad, "en:\n  NATO: [a, b]\n");
    await expect(loadLexicon([bad])).rejects.toThrow(
      new InputError(`Lexicon ${bad}: entry number 1 under en must be a text saying how to read its word.`),
    );
    await expect(loadLexicon([join(dir, "none.yaml")])).rejects.toThrow(/none\.yaml does not exist/);
  });
});
