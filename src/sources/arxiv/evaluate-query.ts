import { containsPhrase, tokenizeForSearch } from "./tokenize.ts";

/** What an arXiv query is evaluated against locally. */
export interface SearchableRecord {
  title: string;
  abstract: string;
  categories?: readonly string[];
  /** First submission, ISO 8601. */
  submitted?: string;
}

type Node =
  | { kind: "term"; field: string; value: string; phrase: string[] }
  | { kind: "range"; field: string; from: string; to: string }
  | { kind: "op"; op: "AND" | "OR" | "ANDNOT"; left: Node; right: Node };

/**
 * Compiles an arXiv `search_query` into a predicate that answers as arXiv would for one record:
 * `ti:`, `abs:`, `all:` (title or abstract here), `cat:` and `submittedDate:[… TO …]`, phrases in
 * quotes, AND / OR / ANDNOT and parentheses. Mixing AND and OR without parentheses is rejected,
 * since precedence there is a guess.
 */
export function compileArxivQuery(query: string): (record: SearchableRecord) => boolean {
  const parser = new QueryParser(query);
  const tree = parser.parseExpression();
  parser.expectEnd();
  return (record) => {
    const { title, abstract } = tokensOf(record);
    return evaluate(tree, record, title, abstract);
  };
}

// Several queries are usually evaluated against the same records; tokenise each record once.
const tokenCache = new WeakMap<SearchableRecord, { title: string[]; abstract: string[] }>();

function tokensOf(record: SearchableRecord): { title: string[]; abstract: string[] } {
  let tokens = tokenCache.get(record);
  if (!tokens) {
    tokens = { title: tokenizeForSearch(record.title), abstract: tokenizeForSearch(record.abstract) };
    tokenCache.set(record, tokens);
  }
  return tokens;
}

function evaluate(node: Node, record: SearchableRecord, title: string[], abstract: string[]): boolean {
  switch (node.kind) {
    case "op": {
      const left = evaluate(node.left, record, title, abstract);
      if (node.op === "AND") return left && evaluate(node.right, record, title, abstract);
      if (node.op === "OR") return left || evaluate(node.right, record, title, abstract);
      return left && !evaluate(node.right, record, title, abstract);
    }
    case "range": {
      if (node.field !== "submittedDate") throw new Error(`cannot evaluate a range on ${node.field}`);
      if (!record.submitted) throw new Error("the record has no submission date to compare with submittedDate");
      const stamp = record.submitted.replace(/[-:T]/g, "").slice(0, 12).padEnd(12, "0");
      return stamp >= node.from && stamp <= node.to;
    }
    case "term": {
      const phrase = node.phrase;
      switch (node.field) {
        case "ti":
          return containsPhrase(title, phrase);
        case "abs":
          return containsPhrase(abstract, phrase);
        case "all":
          return containsPhrase(title, phrase) || containsPhrase(abstract, phrase);
        case "cat":
          if (!record.categories) throw new Error("the record has no categories to compare with cat:");
          return record.categories.includes(node.value);
        default:
          throw new Error(`cannot evaluate the field ${node.field}:`);
      }
    }
  }
}

class QueryParser {
  private readonly tokens: string[];
  private position = 0;

  constructor(readonly query: string) {
    this.tokens = query.match(/\(|\)|[A-Za-z]+:"[^"]*"|[A-Za-z]+:\[[^\]]*\]|[^\s()]+/g) ?? [];
  }

  parseExpression(): Node {
    let left = this.parsePrimary();
    let seen: string | undefined;
    while (this.peek() === "AND" || this.peek() === "OR" || this.peek() === "ANDNOT") {
      const op = this.next() as "AND" | "OR" | "ANDNOT";
      const family = op === "OR" ? "OR" : "AND";
      if (seen && seen !== family) throw new Error(`ambiguous query: AND and OR mixed without parentheses in ${this.query}`);
      seen = family;
      left = { kind: "op", op, left, right: this.parsePrimary() };
    }
    return left;
  }

  expectEnd(): void {
    if (this.position < this.tokens.length) throw new Error(`unexpected '${this.tokens[this.position]}' in ${this.query}`);
  }

  private parsePrimary(): Node {
    const token = this.next();
    if (token === "(") {
      const inner = this.parseExpression();
      if (this.next() !== ")") throw new Error(`missing ')' in ${this.query}`);
      return inner;
    }
    const range = token && /^([A-Za-z]+):\[(\d+) TO (\d+)\]$/.exec(token);
    if (range) return { kind: "range", field: range[1]!, from: range[2]!, to: range[3]! };
    const term = token && /^([A-Za-z]+):"?([^"]*)"?$/.exec(token);
    if (term) return { kind: "term", field: term[1]!, value: term[2]!, phrase: tokenizeForSearch(term[2]!) };
    throw new Error(`expected a field:term at '${token ?? "end"}' in ${this.query}`);
  }

  private peek(): string | undefined {
    return this.tokens[this.position];
  }

  private next(): string | undefined {
    return this.tokens[this.position++];
  }
}
