import { describe, expect, it } from "vitest";
import { resolvePeople } from "../../src/segment/people.js";

/** The labels of one page, in order: which of them name the same person. */
const groups = (labels: string[], intro: string[] = []) => {
  const people = resolvePeople(labels, intro);
  const byKey = new Map<string, string[]>();
  for (const label of labels) {
    const key = people.keyOf(label);
    if (!byKey.get(key)?.includes(label)) byKey.set(key, [...(byKey.get(key) ?? []), label]);
  }
  return [...byKey.entries()].map(([key, forms]) => ({ name: people.nameOf(key), forms }));
};

describe("one person, however the label changes form", () => {
  it.each([
    ["en", ["Thomas Malone", "Mr Malone", "Mr. Malone", "Malone", "MALONE", "TM", "T.M.", "T. Malone"]],
    ["en, titles", ["Dr. Jane Okoro", "Dr Okoro", "Prof Okoro", "Ms Okoro", "JO"]],
    ["de", ["Katrin Weiß", "Frau Weiß", "Prof. Dr. Weiß", "WEISS", "Weiß"]],
    ["fr", ["Jean-Luc Perrot", "M. Perrot", "Perrot", "J.-L. P."]],
    ["fr, madame", ["Claire Vasseur", "Mme Vasseur", "Madame Vasseur"]],
    ["es", ["Lucía Ferrer", "Sra. Ferrer", "Ferrer", "LF", "L. F."]],
    ["es, señor", ["Andrés Molina", "Sr. Molina", "Don Andrés"]],
  ])("%s", (lang, labels) => {
    const found = groups(labels);
    const full = found.find((g) => g.forms.includes(labels[0] ?? ""));
    expect(full?.name).toBe(labels[0]);
    // Forms the rules cannot tie to the full name are listed here, so a change is seen.
    const untied = found.filter((g) => g !== full).flatMap((g) => g.forms);
    expect(untied).toEqual(({ fr: ["J.-L. P."] } as Record<string, string[]>)[lang] ?? []);
  });

  it("an outlet shortens like a name: 'Der Spiegel', then 'SPIEGEL'", () => {
    expect(groups(["Der Spiegel", "Klaus Brandt", "SPIEGEL", "Brandt"])).toEqual([
      { name: "Der Spiegel", forms: ["Der Spiegel", "SPIEGEL"] },
      { name: "Klaus Brandt", forms: ["Klaus Brandt", "Brandt"] },
    ]);
  });

  it("a label takes the full name the introduction gives", () => {
    expect(groups(["WIRED", "Okoro", "WIRED", "Okoro"], ["Jane Okoro"])).toEqual([
      { name: "WIRED", forms: ["WIRED"] },
      { name: "Jane Okoro", forms: ["Okoro"] },
    ]);
  });

  it("two people who share a surname stay two, and the bare surname stays apart", () => {
    expect(groups(["John Smith", "Mary Smith", "Smith"]).map((g) => g.forms)).toEqual([
      ["John Smith"],
      ["Mary Smith"],
      ["Smith"],
    ]);
  });
});
