import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import * as ajvFormats from "ajv-formats";
import type { FormatsPlugin } from "ajv-formats";
import { compileTemplate } from "./router.ts";

interface MediaType {
  schema?: unknown;
}
interface Operation {
  externalDocs?: { url: string };
  requestBody?: { content?: Record<string, MediaType> };
  responses?: Record<string, { $ref?: string; content?: Record<string, MediaType> }>;
}
interface Description {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, unknown>; responses: Record<string, { content?: Record<string, MediaType> }> };
}

const require = createRequire(import.meta.url);
let description: Description | undefined;

// 13 MB of JSON: parsed once per test worker, on the first request that needs it.
function openapi(): Description {
  description ??= JSON.parse(readFileSync(require.resolve("@octokit/openapi/generated/api.github.com.json"), "utf8")) as Description;
  return description;
}

export function operation(method: string, template: string): Operation | undefined {
  return openapi().paths[template]?.[method.toLowerCase()];
}

export function documentationUrl(method: string, template: string | undefined): string {
  return (template && operation(method, template)?.externalDocs?.url) || "https://docs.github.com/rest";
}

let templates: { template: string; regex: RegExp }[] | undefined;

/** The GitHub route a path belongs to, if GitHub has one (so an unhandled request says what it was). */
export function githubTemplate(method: string, path: string): string | undefined {
  templates ??= Object.keys(openapi().paths).map((template) => ({ template, regex: compileTemplate(template).regex }));
  return templates.find((t) => t.regex.test(path) && operation(method, t.template))?.template;
}

// Only the component schemas an operation refers to (transitively) are added to ajv, before its
// one compile: adding the whole description costs seconds, and an operation needs a few dozen.
const SCHEMA_BASE = "https://openapi.fake-github.test/schemas/";
const COMPONENT_REF = "#/components/schemas/";

/**
 * An OpenAPI 3.0 schema as JSON Schema for ajv: component refs made absolute, `nullable`
 * without a `type` (beside allOf/anyOf, which ajv refuses) spelled as "or null", null added to a
 * nullable enum, and one erratum of the description fixed.
 */
function toJsonSchema(node: unknown, refs: Set<string>): unknown {
  if (Array.isArray(node)) return node.map((n) => toJsonSchema(n, refs));
  if (node === null || typeof node !== "object") return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === "$ref" && typeof value === "string" && value.startsWith(COMPONENT_REF)) {
      refs.add(value.slice(COMPONENT_REF.length));
      out[key] = SCHEMA_BASE + value.slice(COMPONENT_REF.length);
    } else {
      out[key] = toJsonSchema(value, refs);
    }
  }
  // Erratum: some inlined installation schemas (GET /app/installations) make `account` allOf
  // [Simple User, Enterprise], which no real account satisfies; the component says anyOf.
  const titles = Array.isArray(out.allOf) ? (out.allOf as { title?: string }[]).map((x) => x.title) : [];
  if (titles.includes("Simple User") && titles.includes("Enterprise")) {
    out.anyOf = out.allOf;
    delete out.allOf;
  }
  if (out.nullable === true && out.type === undefined) {
    delete out.nullable;
    return { anyOf: [out, { type: "null" }] };
  }
  // ajv lets null past `type` for a nullable schema but still checks it against `enum`.
  if (out.nullable === true && Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
  return out;
}

let ajv: Ajv | undefined;
const added = new Set<string>();

function validatorFactory(): Ajv {
  if (!ajv) {
    // OpenAPI 3.0 keywords (example, discriminator, x-github) are not JSON Schema's: ajv is told
    // to let unknown keywords and formats pass; it understands `nullable` itself.
    ajv = new Ajv({ strict: false, allErrors: true, verbose: true, logger: false, validateSchema: false });
    // ajv-formats is CommonJS: Node hands its module.exports (the plugin) over as `default`.
    (ajvFormats.default as unknown as FormatsPlugin)(ajv);
  }
  return ajv;
}

const compiled = new Map<string, ValidateFunction | undefined>();

function compile(key: string, schema: unknown): ValidateFunction | undefined {
  if (!compiled.has(key)) {
    const a = validatorFactory();
    const pending = new Set<string>();
    const root = schema === undefined ? undefined : (toJsonSchema(schema, pending) as object);
    for (const name of pending) {
      if (added.has(name)) continue;
      added.add(name);
      a.addSchema(toJsonSchema(openapi().components.schemas[name], pending) as object, SCHEMA_BASE + name);
    }
    compiled.set(key, root && a.compile(root));
  }
  return compiled.get(key);
}

/** The request body validator of an operation (undefined when GitHub takes no JSON body). */
export function requestValidator(method: string, template: string): ValidateFunction | undefined {
  const schema = operation(method, template)?.requestBody?.content?.["application/json"]?.schema;
  return compile(`${method} ${template} request`, schema);
}

/** The validator of a JSON response with this status, if the description gives one. */
export function responseValidator(method: string, template: string, status: number): ValidateFunction | undefined {
  let response = operation(method, template)?.responses?.[String(status)];
  if (response?.$ref) response = openapi().components.responses[response.$ref.split("/").pop()!];
  return compile(`${method} ${template} ${status}`, response?.content?.["application/json"]?.schema);
}

/** GitHub's own words for a body its schema refuses ("Invalid request.\n\n"head" wasn't supplied."). */
export function invalidRequestMessage(errors: ErrorObject[]): string {
  const first = errors.find((e) => e.keyword === "required") ?? errors[0];
  if (!first) return "Invalid request.";
  // GitHub names the field by its schema path: "/draft" is 'properties/draft'.
  const field = first.instancePath.split("/").filter((p) => p && !/^\d+$/.test(p));
  const where = field.length ? `For 'properties/${field.join("/properties/")}', ` : "";
  const value = first.data === null || first.data === undefined ? "nil" : JSON.stringify(first.data);
  if (first.keyword === "required") return `Invalid request.\n\n${where}"${String(first.params.missingProperty)}" wasn't supplied.`;
  if (first.keyword === "type") return `Invalid request.\n\n${where}${value} is not ${/^[aeiou]/.test(String(first.params.type)) ? "an" : "a"} ${String(first.params.type)}.`;
  if (first.keyword === "enum") return `Invalid request.\n\n${where}${value} is not a member of ${JSON.stringify(first.params.allowedValues)}.`;
  if (first.keyword === "oneOf" || first.keyword === "anyOf") return `Invalid request.\n\nNo subschema in "${first.keyword}" matched.`;
  return `Invalid request.\n\n${where}${value} ${first.message ?? "is invalid"}.`;
}

/** Ajv's findings as short strings for the `errors` field (the first few; a oneOf lists dozens). */
export function describeErrors(errors: ErrorObject[]): string[] {
  return errors.slice(0, 5).map((e) => `${e.instancePath || "(body)"} ${e.message ?? e.keyword}`);
}
