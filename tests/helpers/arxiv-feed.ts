import type { Paper } from "../../src/sources/paper.ts";

const escape = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** An arXiv API answer (Atom 1.0 with the arxiv: and opensearch: extensions, as export.arxiv.org writes it) listing these papers. */
export function renderArxivFeed(papers: readonly Paper[]): string {
  const entries = papers.map((p) => {
    const id = `${p.ids.arxiv}v${p.ids.arxivVersion ?? 1}`;
    return [
      "  <entry>",
      `    <id>http://arxiv.org/abs/${id}</id>`,
      `    <title>${escape(p.title)}</title>`,
      `    <updated>${p.updated ?? p.published}</updated>`,
      `    <link href="https://arxiv.org/abs/${id}" rel="alternate" type="text/html"/>`,
      `    <link href="https://arxiv.org/pdf/${id}" rel="related" type="application/pdf" title="pdf"/>`,
      `    <summary>${escape(p.abstract)}</summary>`,
      ...p.categories.map((c) => `    <category term="${c}" scheme="http://arxiv.org/schemas/atom"/>`),
      `    <published>${p.published}</published>`,
      `    <arxiv:primary_category term="${p.primaryCategory ?? p.categories[0] ?? "cs.CL"}"/>`,
      ...p.authors.map((a) => `    <author>\n      <name>${escape(a)}</name>\n    </author>`),
      "  </entry>",
    ].join("\n");
  });
  return [
    "<?xml version='1.0' encoding='UTF-8'?>",
    '<feed xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/" xmlns:arxiv="http://arxiv.org/schemas/atom" xmlns="http://www.w3.org/2005/Atom">',
    "  <id>https://arxiv.org/api/test</id>",
    "  <title>arXiv Query</title>",
    "  <updated>2026-11-20T00:00:00Z</updated>",
    `  <opensearch:itemsPerPage>${papers.length}</opensearch:itemsPerPage>`,
    `  <opensearch:totalResults>${papers.length}</opensearch:totalResults>`,
    "  <opensearch:startIndex>0</opensearch:startIndex>",
    ...entries,
    "</feed>",
    "",
  ].join("\n");
}
