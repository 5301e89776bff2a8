import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { HeadscoutError } from "../../errors.ts";

/**
 * The fields headscout reads from a submission, by what they mean. Each maps to a field `id` of the
 * catalog's "Add new paper" issue form (`data` is the form's own spelling for the date).
 */
export const INTAKE_FIELDS = {
  title: { id: "title", label: "Title" },
  published: { id: "data", label: "Published Date" },
  source: { id: "source", label: "Source" },
  head: { id: "head", label: "Head Name" },
  summary: { id: "summary", label: "Summary" },
} as const;
export type IntakeFieldName = keyof typeof INTAKE_FIELDS;

export interface FormField {
  id: string;
  /** The heading GitHub renders the answer under (`### Title`). */
  label: string;
  type: "input" | "textarea" | "dropdown" | "checkboxes";
  required: boolean;
  /** Checkboxes and dropdowns: the options offered. */
  options?: string[];
}

/** What headscout needs of an issue form: its name, the labels a submission gets, and its fields. */
export interface IntakeForm {
  name: string;
  /** Labels GitHub puts on an issue opened with the form (`add-new-paper`). */
  labels: string[];
  /** The issue title the form pre-fills (`Add new paper: `). */
  titlePrefix: string;
  fields: FormField[];
  /** The form's field for each thing headscout reads; absent when the form has none. */
  roles: Partial<Record<IntakeFieldName, FormField>>;
}

/**
 * The catalog's form as `../shared/catalog-history/add-new-paper.issue-form.yml` has it, for when the
 * form file cannot be read (a user's clone, a repository that moved its form). Only the names:
 * the file, when present, wins (`readIntakeForm`); a test keeps the two in step.
 */
export const DEFAULT_INTAKE_FORM: IntakeForm = withRoles({
  name: "Add new paper",
  labels: ["add-new-paper"],
  titlePrefix: "Add new paper: ",
  fields: [
    { id: "title", label: "Title", type: "input", required: true },
    { id: "data", label: "Published Date", type: "input", required: true },
    { id: "source", label: "Source", type: "input", required: true },
    { id: "head", label: "Head Name", type: "input", required: true },
    { id: "summary", label: "Summary", type: "textarea", required: false },
  ],
});

const formItemSchema = z.object({
  type: z.string(),
  id: z.string().optional(),
  attributes: z
    .object({
      label: z.string().optional(),
      options: z.array(z.union([z.string(), z.object({ label: z.string() }).loose()])).optional(),
    })
    .loose()
    .optional(),
  validations: z.object({ required: z.boolean().optional() }).loose().optional(),
});

const formSchema = z.object({
  name: z.string().min(1),
  title: z.string().optional(),
  labels: z.union([z.array(z.string()), z.string()]).optional(),
  body: z.array(z.unknown()),
});

const FIELD_TYPES = new Set<FormField["type"]>(["input", "textarea", "dropdown", "checkboxes"]);

/**
 * Reads a GitHub issue form (`.github/ISSUE_TEMPLATE/*.yml`). Markdown blocks are skipped; every
 * other block is a field. Throws a HeadscoutError naming `where` when the text is not an issue form.
 */
export function readIntakeForm(yamlText: string, where = "the issue form"): IntakeForm {
  let raw: unknown;
  try {
    raw = parseYaml(yamlText);
  } catch (cause) {
    throw new HeadscoutError(`${where} is not valid YAML`, { cause });
  }
  const form = formSchema.safeParse(raw);
  if (!form.success) throw new HeadscoutError(`${where} is not a GitHub issue form (it needs a name and a body list)`);
  const fields: FormField[] = [];
  form.data.body.forEach((item, index) => {
    const parsed = formItemSchema.safeParse(item);
    if (!parsed.success) throw new HeadscoutError(`${where}: body[${index}] is not an issue form block`);
    const { type, id, attributes, validations } = parsed.data;
    if (!FIELD_TYPES.has(type as FormField["type"])) return;
    const label = attributes?.label?.trim();
    if (!label) throw new HeadscoutError(`${where}: body[${index}] (${type}) has no label`);
    const options = attributes?.options?.map((o) => (typeof o === "string" ? o : o.label));
    fields.push({ id: id ?? label, label, type: type as FormField["type"], required: validations?.required === true, ...(options ? { options } : {}) });
  });
  const labels = form.data.labels === undefined ? [] : typeof form.data.labels === "string" ? form.data.labels.split(",") : form.data.labels;
  return withRoles({ name: form.data.name, labels: labels.map((l) => l.trim()).filter(Boolean), titlePrefix: form.data.title ?? "", fields });
}

/** The form a parser should use: the given one (text or already read), else the built-in copy. */
export function resolveIntakeForm(form: string | IntakeForm | undefined, where?: string): IntakeForm {
  if (form === undefined) return DEFAULT_INTAKE_FORM;
  return typeof form === "string" ? readIntakeForm(form, where) : form;
}

/** Labels compared the way a reader would: case, spacing and a trailing colon do not matter. */
export function foldLabel(label: string): string {
  return label
    .normalize("NFKC")
    .replace(/[*_`]/g, "")
    .replace(/[\s:：]+$/u, "")
    .replace(/\s+/g, " ")
    .trim()
    .toLowerCase();
}

function withRoles(form: Omit<IntakeForm, "roles">): IntakeForm {
  const roles: IntakeForm["roles"] = {};
  for (const [name, known] of Object.entries(INTAKE_FIELDS) as [IntakeFieldName, (typeof INTAKE_FIELDS)[IntakeFieldName]][]) {
    // By id first (a maintainer may reword a label); by the label the catalog's form uses otherwise.
    const field = form.fields.find((f) => f.id === known.id) ?? form.fields.find((f) => foldLabel(f.label) === foldLabel(known.label));
    if (field) roles[name] = field;
  }
  return { ...form, roles };
}

/** Whether an issue came in through the form: it carries one of the form's labels. */
export function isIntakeIssue(issue: { labels: readonly (string | { name?: string })[] }, form: IntakeForm = DEFAULT_INTAKE_FORM): boolean {
  const wanted = new Set(form.labels.map((l) => l.toLowerCase()));
  return issue.labels.some((label) => wanted.has((typeof label === "string" ? label : (label.name ?? "")).toLowerCase()));
}
