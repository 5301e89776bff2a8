// A deterministic arXiv window for the end-to-end bench: papers written the way arXiv abstracts
// read, every one matched by at least one of headscout's default arXiv queries (as the search's
// results are), about 0.5% of them papers on what specific attention heads do. A seeded generator:
// the same seed gives the same papers, ids and dates on every run and machine.
import type { Paper } from "../../src/sources/paper.ts";

/** The kinds of paper in the window, and what headscout should make of each. */
export type PaperKind =
  /** Finds heads with a function (induction, retrieval, successor…): the catalog's papers. */
  | "relevant"
  /** Prunes or compresses attention heads for speed: names attention heads, is not about what they do. */
  | "head-pruning"
  /** LLMs for electronic circuit design: matches "circuit" + "LLM". */
  | "circuit-design"
  /** Mechanistic interpretability at the level of neurons and SAE features, no heads. */
  | "neuron-interp"
  /** A model with multi-head attention, applied somewhere: the bulk of "head" + "attention" results. */
  | "multi-head"
  /** A detection / classification / reward / draft head on a transformer or LLM. */
  | "network-head"
  /** People's heads (pose, avatars) with attention or transformers. */
  | "body-head";

export interface WindowPaper extends Paper {
  kind: PaperKind;
}

/** Shares of the window; the rest is "multi-head". */
const SHARES: [PaperKind, number][] = [
  ["relevant", 0.005],
  ["head-pruning", 0.008],
  ["circuit-design", 0.005],
  ["neuron-interp", 0.005],
  ["network-head", 0.4],
  ["body-head", 0.03],
];

/** mulberry32: small, fast, and the same sequence everywhere. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rng = () => number;
const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)]!;
const int = (rng: Rng, lo: number, hi: number) => lo + Math.floor(rng() * (hi - lo + 1));
const fill = (rng: Rng, template: string, slots: Record<string, readonly string[]>) =>
  template.replace(/\{(\w+)\}/g, (_, k: string) => pick(rng, slots[k] ?? [`{${k}}`]));
const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const titleCase = (s: string) =>
  s.replace(/(^|[\s:-])([a-z])([a-z]*)/g, (m, sep: string, c: string, rest: string) =>
    /^(of|for|and|in|on|with|to|via|the|a|an|by|from|at)$/.test(c + rest) && sep !== ":" && sep !== "" ? m : `${sep}${c.toUpperCase()}${rest}`,
  );

const FIRST = ["Wei", "Yuki", "Ana", "Lukas", "Priya", "Omar", "Chen", "Sofia", "Mateo", "Aisha", "Jonas", "Mei", "Ravi", "Elena", "Kenji", "Fatima", "Daniel", "Hana", "Ivan", "Laura", "Minh", "Noah", "Olga", "Pedro", "Sara", "Tomás", "Uma", "Victor", "Xin", "Zeynep", "Amir", "Bianca", "Chloé", "Dmitri", "Esra", "Felix", "Gabriel", "Hyejin", "Ioana", "Jakub"];
const LAST = ["Zhang", "Wang", "Li", "Liu", "Chen", "Kim", "Park", "Nguyen", "Müller", "Schmidt", "Rossi", "García", "Martínez", "Silva", "Kumar", "Singh", "Patel", "Ahmed", "Hassan", "Yilmaz", "Kowalski", "Novak", "Ivanova", "Tanaka", "Sato", "Suzuki", "Dubois", "Moreau", "Jensen", "Larsen", "O'Brien", "Murphy", "Cohen", "Levi", "Okafor", "Mensah", "Haddad", "Costa", "Ferreira", "Andersson"];

const MODELS = ["GPT-2", "Pythia-1.4B", "Llama-3-8B", "Llama-2-7B", "Mistral-7B", "Qwen2.5-7B", "Gemma-2-2B", "OLMo-7B", "Phi-3-mini", "GPT-J"];
const PREFIX = ["Tempo", "Graph", "Med", "Geo", "Spectra", "Flow", "Chrono", "Vox", "Seg", "Aero", "Neuro", "Traj", "Mol", "Aqua", "Terra", "Sono", "Opti", "Hydra", "Lumen", "Astra", "Cardio", "Pheno", "Radi", "Urban", "Agri", "Hemo", "Quant", "Lexi", "Auto", "Meta"];
const SUFFIX = ["Former", "Net", "Mixer", "Fusion", "Attn", "TR", "ViT", "Lite", "GPT", "BERT", "Trans", "Seq"];
const TASKS = [
  ["multivariate time series forecasting", "cs.LG"], ["medical image segmentation", "eess.IV"], ["speech recognition", "eess.AS"], ["traffic flow prediction", "cs.LG"],
  ["sequential recommendation", "cs.IR"], ["node classification on heterogeneous graphs", "cs.LG"], ["remote sensing change detection", "cs.CV"], ["point cloud completion", "cs.CV"],
  ["video action recognition", "cs.CV"], ["molecular property prediction", "q-bio.QM"], ["EEG emotion recognition", "eess.SP"], ["aspect-based sentiment analysis", "cs.CL"],
  ["low-resource machine translation", "cs.CL"], ["code completion", "cs.SE"], ["protein function prediction", "q-bio.BM"], ["precipitation nowcasting", "physics.ao-ph"],
  ["network intrusion detection", "cs.CR"], ["stock movement prediction", "q-fin.ST"], ["symbolic music generation", "cs.SD"], ["trajectory prediction for autonomous driving", "cs.RO"],
  ["hyperspectral image classification", "eess.IV"], ["fault diagnosis of rotating machinery", "eess.SP"], ["knowledge graph completion", "cs.AI"], ["crop yield estimation", "cs.CV"],
  ["battery state-of-health estimation", "eess.SY"], ["legal judgment prediction", "cs.CL"], ["sign language translation", "cs.CV"], ["wind power forecasting", "eess.SY"],
] as const;
const CHALLENGES = ["long-range dependencies", "noisy and irregularly sampled inputs", "scarce labelled data", "distribution shift between domains", "the quadratic cost of long sequences", "heterogeneous input modalities", "strong class imbalance", "missing values"];
const COMPONENTS = ["a gated convolutional stem", "learnable positional encodings", "a frequency-domain decomposition block", "a cross-scale feature pyramid", "a graph propagation layer", "a lightweight depthwise encoder", "a patch embedding with overlapping windows", "a contrastive pretraining objective", "a dual-branch fusion module", "a mixture-of-experts feed-forward layer"];
const METRICS = ["accuracy", "F1 score", "mean absolute error", "mean IoU", "word error rate", "NDCG@10", "RMSE", "AUROC"];
const BENCHES = ["public benchmarks", "real-world datasets", "benchmark datasets", "large-scale datasets", "clinical datasets", "open datasets"];

function method(rng: Rng): string {
  return pick(rng, PREFIX) + pick(rng, SUFFIX);
}

const DETAILS = [
  "Specifically, the encoder first splits the input into overlapping patches and projects them into a shared embedding space.",
  "Specifically, a temporal module aggregates information over a sliding window before the attention layers.",
  "Specifically, the model processes local and global views in parallel branches that exchange information at every stage.",
  "Specifically, a learnable query set summarises the input into a compact latent representation before decoding.",
  "Specifically, we replace the position-wise feed-forward layers with a gated variant and share parameters across stages.",
];
const FOCUS = ["clinically meaningful regions", "the most informative time steps", "salient objects", "semantically related tokens", "discriminative frequency bands", "relevant neighbouring nodes"];
const COSTS = ["the number of parameters", "inference latency", "memory consumption", "training time", "floating-point operations"];

function efficiency(rng: Rng): string {
  return `It also reduces ${pick(rng, COSTS)} by ${int(rng, 12, 68)}% compared with ${pick(rng, ["the strongest baseline", "standard transformers", "prior state-of-the-art models"])}.`;
}

function results(rng: Rng, name: string): string {
  return fill(rng, "Experiments on {n} {bench} show that NAME improves {metric} by {x}% over {base}.", {
    n: ["three", "four", "five", "six", "seven", "eight"],
    bench: BENCHES,
    metric: METRICS,
    x: ["1.8", "2.3", "3.1", "4.6", "5.2", "6.9", "8.4", "11.7"],
    base: ["strong baselines", "state-of-the-art methods", "recent transformer baselines", "competitive baselines"],
  }).replace("NAME", name);
}

const CLOSINGS = [
  "Ablation studies confirm the contribution of each component.",
  "Code and pretrained models are publicly available.",
  "The model also transfers well to unseen domains with little fine-tuning.",
  "We further analyse failure cases and discuss limitations.",
  "Inference runs in real time on a single consumer GPU.",
  "Our implementation will be released upon publication.",
];

function multiHead(rng: Rng): { title: string; abstract: string; cats: string[] } {
  const [task, cat] = pick(rng, TASKS);
  const name = method(rng);
  const title = fill(rng, pick(rng, [
    "NAME: {adj} Multi-Head Attention for TASK",
    "NAME: A {adj} Transformer with Multi-Head Self-Attention for TASK",
    "{adj} Multi-Head Cross-Attention Networks for TASK",
    "Learning TASK with {adj} Multi-Head Attention and {comp}",
    "NAME: Rethinking Multi-Head Attention for TASK",
  ]), { adj: ["Hierarchical", "Adaptive", "Efficient", "Sparse", "Dynamic", "Multi-Scale", "Lightweight", "Robust", "Frequency-Aware", "Spatio-Temporal", "Contrastive", "Physics-Informed"], comp: ["Graph Priors", "Wavelet Features", "Patch Tokens", "Contrastive Pretraining", "Mixture of Experts"] })
    .replace("NAME", name).replace("TASK", titleCase(task));
  const sentences = [
    fill(rng, pick(rng, ["{Task} is {imp} for {app}.", "Accurate {task} remains challenging due to {ch}.", "{Task} has attracted growing attention, yet {ch} limit existing approaches."]), {
      Task: [capitalise(task)], task: [task], imp: ["essential", "a core problem", "increasingly important", "critical"], app: ["many real-world applications", "downstream decision making", "safety-critical systems", "large-scale deployment"], ch: CHALLENGES,
    }),
    fill(rng, "Existing methods {lim}.", { lim: ["rely on hand-crafted features that generalise poorly", "struggle to capture {ch}", "ignore the interaction between local and global context", "are too costly for deployment on edge devices"], ch: CHALLENGES }).replace(/\{ch\}/, pick(rng, CHALLENGES)),
    fill(rng, "We propose NAME, a {adj} transformer that combines {comp} with multi-head self-attention to {goal}.", {
      adj: ["lightweight", "hierarchical", "scalable", "simple yet effective", "two-stage", "end-to-end"], comp: COMPONENTS, goal: ["model long-range dependencies", "fuse complementary views", "capture fine-grained local patterns", "reduce computational cost", "learn robust representations"],
    }).replace("NAME", name),
    fill(rng, "In addition, {comp2} {verb} the multi-head attention outputs {how}.", { comp2: COMPONENTS.map(capitalise), verb: ["refines", "aggregates", "recalibrates", "regularises"], how: ["across scales", "over time", "between modalities", "with negligible overhead"] }),
    pick(rng, DETAILS),
    results(rng, name),
    efficiency(rng),
    `Visualisations of the attention maps show that the model focuses on ${pick(rng, FOCUS)}.`,
    pick(rng, CLOSINGS),
  ];
  if (rng() < 0.5) sentences.splice(4, 0, fill(rng, "We also introduce {what} that {does}.", { what: ["a curriculum training strategy", "a new evaluation protocol", "a data augmentation scheme", "an uncertainty-aware loss"], does: ["stabilises optimisation", "reduces overfitting on small datasets", "better reflects practical use", "improves calibration"] }));
  return { title, abstract: sentences.join(" "), cats: [cat, ...(rng() < 0.6 ? [pick(rng, ["cs.LG", "cs.AI", "cs.CV", "stat.ML"])] : [])] };
}

function networkHead(rng: Rng): { title: string; abstract: string; cats: string[] } {
  const variant = pick(rng, [
    { head: "detection head", backbone: "a vision transformer backbone", task: "small object detection in aerial images", cat: "cs.CV" },
    { head: "segmentation head", backbone: "a pretrained transformer encoder", task: "semantic segmentation of street scenes", cat: "cs.CV" },
    { head: "classification head", backbone: "a frozen BERT encoder", task: "few-shot text classification", cat: "cs.CL" },
    { head: "reward head", backbone: "a large language model", task: "preference learning from human feedback", cat: "cs.CL" },
    { head: "value head", backbone: "a transformer policy network", task: "offline reinforcement learning", cat: "cs.LG" },
    { head: "regression head", backbone: "a transformer encoder", task: "age estimation from facial images", cat: "cs.CV" },
    { head: "prediction head", backbone: "a language model", task: "next-item recommendation", cat: "cs.IR" },
    { head: "decoder head", backbone: "a speech transformer", task: "streaming speech translation", cat: "eess.AS" },
    { head: "auxiliary head", backbone: "a transformer language model", task: "multi-task learning", cat: "cs.CL" },
    { head: "draft head", backbone: "an LLM", task: "speculative decoding", cat: "cs.CL" },
    { head: "output head", backbone: "a pretrained transformer", task: "multi-label classification of clinical notes", cat: "cs.CL" },
    { head: "lightweight head", backbone: "a transformer backbone", task: "real-time lane detection", cat: "cs.CV" },
  ]);
  const plural = `${variant.head}s`;
  const name = method(rng);
  const title = fill(rng, pick(rng, [
    "NAME: A {adj} {Head} on {Backbone} for {Task}",
    "Revisiting the {Head} for {Task} with Transformers",
    "{adj} {Head}s Make {Backbone} Better at {Task}",
    "NAME: Decoupled {Head}s for {Task}",
  ]), { adj: ["Decoupled", "Adaptive", "Calibrated", "Efficient", "Query-Based", "Shared", "Uncertainty-Aware", "Prototype-Guided"], Head: [titleCase(variant.head)], Backbone: [titleCase(variant.backbone.replace(/^(a|an) /, ""))], Task: [titleCase(variant.task)] }).replace("NAME", name);
  const sentences = [
    fill(rng, "{Task} typically attaches a {head} to {backbone}, but {prob}.", {
      Task: [capitalise(variant.task)], head: [variant.head], backbone: [variant.backbone], prob: ["the features it receives are poorly calibrated", "training it end to end is unstable", "it adds latency at inference time", "it overfits when labels are scarce"],
    }),
    fill(rng, "We present NAME, which replaces the standard {head} with {what}.", { head: [variant.head], what: ["a query-based design", "a decoupled design with shared weights", "a prototype-guided variant", "an uncertainty-aware variant", "a mixture of light experts"] }).replace("NAME", name),
    fill(rng, "The transformer {part} stays frozen while the new {plural} are trained with {loss}.", { part: ["backbone", "encoder", "language model"], plural: [plural], loss: ["a contrastive objective", "knowledge distillation", "a focal loss", "a ranking loss", "label smoothing"] }),
    fill(rng, "Unlike prior designs, it {x}, so that {y}.", { x: ["needs no extra annotations", "shares its parameters across scales", "decouples localisation from recognition", "can be attached to any pretrained backbone"], y: ["training remains stable with small batches", "it adds only a few thousand parameters", "the backbone can be swapped without retuning", "the same weights serve several tasks"] }),
    fill(rng, "We study {what} and find that {finding}.", { what: ["the effect of depth and width", "different initialisation schemes", "how much data the approach needs", "the trade-off between speed and accuracy"], finding: ["a shallow design suffices", "initialisation matters more than capacity", "gains hold across model sizes", "most of the cost comes from the backbone"] }),
    results(rng, name),
    efficiency(rng),
    pick(rng, CLOSINGS),
  ];
  return { title, abstract: sentences.join(" "), cats: [variant.cat, ...(rng() < 0.5 ? ["cs.LG"] : [])] };
}

function bodyHead(rng: Rng): { title: string; abstract: string; cats: string[] } {
  const name = method(rng);
  const topic = pick(rng, ["head pose estimation", "3D head avatars", "head and neck CT segmentation", "head movements in conversational video"]);
  const title = `${name}: ${titleCase(pick(rng, ["Transformer-Based", "Attention-Guided", "Cross-Attention"]))} ${titleCase(topic)}${pick(rng, ["", " in the Wild", " from Monocular Video", " with Limited Labels"])}`;
  const abstract = [
    `${capitalise(topic)} matters for ${pick(rng, ["telepresence", "driver monitoring", "radiotherapy planning", "human-computer interaction"])}, yet ${pick(rng, CHALLENGES)} make it hard.`,
    `We propose ${name}, a transformer with ${pick(rng, ["cross-attention between views", "spatial attention over image patches", "temporal attention across frames"])} for ${topic}.`,
    `${capitalise(pick(rng, COMPONENTS))} provides the attention layers with ${pick(rng, ["geometric priors", "identity cues", "anatomical context", "motion cues"])}.`,
    results(rng, name),
    pick(rng, CLOSINGS),
  ].join(" ");
  return { title, abstract, cats: [pick(rng, ["cs.CV", "eess.IV", "cs.GR", "cs.HC"])] };
}

function headPruning(rng: Rng): { title: string; abstract: string; cats: string[] } {
  const name = method(rng);
  const model = pick(rng, MODELS);
  const title = fill(rng, pick(rng, [
    "NAME: {adj} Pruning of Attention Heads for Efficient LLM Inference",
    "Fewer Attention Heads, Faster Decoding: {adj} Structured Pruning for Long-Context LLMs",
    "NAME: {adj} Attention Head Pruning under a Latency Budget",
  ]), { adj: ["Structured", "Training-Free", "Adaptive", "Budget-Aware", "Calibration-Free", "Layer-Adaptive"] }).replace("NAME", name);
  const abstract = [
    `Serving large language models is expensive, and the attention layers dominate latency at long context lengths.`,
    `Structured pruning offers hardware-friendly speed-ups, but existing criteria ${pick(rng, ["require costly retraining", "ignore the interaction between layers", "are tuned for one model family"])}.`,
    `We propose ${name}, a ${pick(rng, ["training-free", "one-shot", "calibration-based"])} method that prunes attention heads under a latency budget using ${pick(rng, ["a second-order estimate of the loss change", "a Fisher information criterion", "a learned relaxation of the pruning mask"])}.`,
    `A custom kernel turns the resulting sparsity into real throughput gains.`,
    `On ${model}, ${name} prunes ${int(rng, 20, 60)}% of the attention heads for a ${(1 + rng() * 1.5).toFixed(1)}x speed-up with less than ${(0.3 + rng() * 1.5).toFixed(1)} points of accuracy lost on standard benchmarks, outperforming magnitude and gradient-based pruning.`,
  ].join(" ");
  return { title, abstract, cats: ["cs.CL", ...(rng() < 0.7 ? ["cs.LG"] : [])] };
}

function circuitDesign(rng: Rng): { title: string; abstract: string; cats: string[] } {
  const name = method(rng);
  const kind = pick(rng, ["analog circuit", "digital circuit", "RTL", "quantum circuit", "printed circuit board"]);
  const title = `${name}: ${titleCase(pick(rng, ["LLM agents for", "large language models for", "retrieval-augmented LLMs for", "benchmarking LLMs on"]))} ${titleCase(kind)} ${titleCase(pick(rng, ["design", "synthesis", "verification", "optimisation"]))}`;
  const abstract = [
    `Designing ${kind}s still takes experts weeks of manual iteration.`,
    `We present ${name}, ${pick(rng, ["an agentic framework", "a fine-tuned large language model", "a retrieval-augmented pipeline"])} in which an LLM ${pick(rng, ["proposes netlists", "writes Verilog", "tunes device sizes", "places components"])} and a simulator checks each circuit.`,
    `On ${int(rng, 20, 120)} design tasks it ${pick(rng, ["meets the specification", "passes functional tests", "closes timing"])} in ${int(rng, 60, 95)}% of cases, against ${int(rng, 10, 55)}% for prompting alone.`,
    pick(rng, CLOSINGS),
  ].join(" ");
  return { title, abstract, cats: ["cs.AR", ...(rng() < 0.6 ? ["cs.AI"] : [])] };
}

function neuronInterp(rng: Rng): { title: string; abstract: string; cats: string[] } {
  const model = pick(rng, MODELS);
  const topic = pick(rng, ["sentiment", "factual recall", "refusal", "syntax", "multilingual tokens", "arithmetic"]);
  const title = titleCase(`${pick(rng, ["sparse autoencoders find", "dictionary learning finds", "scaling sparse autoencoders to", "a mechanistic look at"])} ${topic} ${pick(rng, ["features", "representations", "directions"])} in ${model}`);
  const abstract = [
    `Sparse autoencoders decompose the activations of language models into interpretable features, a central tool of mechanistic interpretability.`,
    `We train sparse autoencoders with ${pick(rng, ["16k", "32k", "65k", "131k"])} latents on the residual stream of ${model} and find a family of features that track ${topic}.`,
    `Steering along these features raises or lowers ${topic} behaviour, and the features are stable across ${pick(rng, ["seeds", "dictionary sizes", "training checkpoints"])}.`,
    `We release the dictionaries and an interface to browse them.`,
  ].join(" ");
  return { title, abstract, cats: ["cs.LG", ...(rng() < 0.7 ? ["cs.CL"] : [])] };
}

const HEAD_TYPES = [
  { name: "induction heads", does: "copy the token that followed an earlier occurrence of the current token", behaviour: "in-context learning" },
  { name: "retrieval heads", does: "attend to and copy relevant facts from far back in a long context", behaviour: "long-context factuality" },
  { name: "successor heads", does: "increment ordinal tokens such as numbers, months and days", behaviour: "counting" },
  { name: "copy suppression heads", does: "lower the logit of tokens the model is about to repeat", behaviour: "self-repair" },
  { name: "name mover heads", does: "move the indirect object's name to the final position", behaviour: "indirect object identification" },
  { name: "previous token heads", does: "attend from each token to the token before it", behaviour: "bigram statistics" },
  { name: "safety heads", does: "attend to harmful instructions and trigger refusals", behaviour: "refusal" },
  { name: "arithmetic heads", does: "route operands to the position where the sum is computed", behaviour: "multi-digit addition" },
  { name: "function vector heads", does: "carry a compact representation of the demonstrated task", behaviour: "few-shot task inference" },
  { name: "duplicate token heads", does: "attend from a repeated token to its first occurrence", behaviour: "repetition detection" },
];

function relevant(rng: Rng): { title: string; abstract: string; cats: string[] } {
  const type = pick(rng, HEAD_TYPES);
  const model = pick(rng, MODELS);
  const other = pick(rng, MODELS.filter((m) => m !== model));
  const Type = titleCase(type.name);
  const title = fill(rng, pick(rng, [
    "{Type} Drive {Behaviour} in {Model}",
    "Where Does {Behaviour} Live? Tracing It to a Few {Type}",
    "{Type} Across Scales: {Adj} Evidence from {Model} and {Other}",
    "Locating {Type} with Activation Patching in {Model}",
  ]), { Type: [Type], Behaviour: [titleCase(type.behaviour)], Model: [model], Other: [other], Adj: ["Causal", "Mechanistic", "Consistent", "New"] });
  const abstract = [
    `Language models such as ${model} show ${type.behaviour}, but which components implement it is not well understood.`,
    `We identify a small set of ${type.name}: attention heads that ${type.does}.`,
    `Using activation patching and path patching, we locate these heads in the ${pick(rng, ["early", "middle", "late"])} layers of ${model} and ${other}, and show that their attention patterns are consistent across prompts.`,
    `Ablating the ${type.name} reduces ${type.behaviour} accuracy from ${int(rng, 70, 97)}% to ${int(rng, 5, 40)}%, while ablating the same number of random heads has little effect.`,
    pick(rng, [
      "The heads form early in training, at the same point as the behaviour itself.",
      "We release the head coordinates and the patching code.",
      "These results give a mechanistic account of the behaviour at the level of individual heads.",
    ]),
  ].join(" ");
  return { title, abstract, cats: ["cs.CL", ...(rng() < 0.8 ? ["cs.LG"] : []), ...(rng() < 0.3 ? ["cs.AI"] : [])] };
}

const WRITERS: Record<PaperKind, (rng: Rng) => { title: string; abstract: string; cats: string[] }> = {
  relevant,
  "head-pruning": headPruning,
  "circuit-design": circuitDesign,
  "neuron-interp": neuronInterp,
  "multi-head": multiHead,
  "network-head": networkHead,
  "body-head": bodyHead,
};

export interface WindowSpec {
  papers: number;
  from: Date;
  to: Date;
  seed?: number;
}

/**
 * `papers` papers submitted in the window, newest first, each with an arXiv id of its month
 * (`2611.04321`), 1–3 versions, 1–12 authors and its kind. Titles are unique.
 */
export function generateWindow({ papers: n, from, to, seed = 20261120 }: WindowSpec): WindowPaper[] {
  const rng = seededRandom(seed);
  // Kinds laid out exactly (the shares of n, rounded), then shuffled into the window.
  const kinds: PaperKind[] = [];
  for (const [kind, share] of SHARES) for (let i = 0; i < Math.round(n * share); i++) kinds.push(kind);
  while (kinds.length < n) kinds.push("multi-head");
  for (let i = kinds.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [kinds[i], kinds[j]] = [kinds[j]!, kinds[i]!];
  }
  // Submission times spread over the window, sorted so that ids rise with time within a month.
  const span = to.getTime() - from.getTime();
  const times = Array.from({ length: n }, () => from.getTime() + Math.floor(rng() * span / 60_000) * 60_000).sort((a, b) => a - b);
  const perMonth = new Map<string, number>();
  const titles = new Set<string>();
  const out: WindowPaper[] = [];
  for (let i = 0; i < n; i++) {
    const kind = kinds[i]!;
    let { title, abstract, cats } = WRITERS[kind](rng);
    for (let k = 2; titles.has(title.toLowerCase()); k++) title = `${title.replace(/ \(Part \d+\)$/, "")} (Part ${k})`;
    titles.add(title.toLowerCase());
    const published = new Date(times[i]!);
    const yymm = published.toISOString().slice(2, 4) + published.toISOString().slice(5, 7);
    const seq = (perMonth.get(yymm) ?? int(rng, 100, 900)) + int(rng, 1, 12);
    perMonth.set(yymm, seq);
    const arxiv = `${yymm}.${String(seq).padStart(5, "0")}`;
    const version = rng() < 0.7 ? 1 : rng() < 0.8 ? 2 : 3;
    const updated = version === 1 ? published : new Date(Math.min(to.getTime(), published.getTime() + int(rng, 1, 40) * 86_400_000));
    const authors = Array.from({ length: int(rng, 1, rng() < 0.2 ? 12 : 6) }, () => `${pick(rng, FIRST)} ${pick(rng, LAST)}`);
    const categories = [...new Set(cats)];
    const iso = (d: Date) => d.toISOString().replace(/\.000Z$/, "Z");
    out.push({
      kind,
      ids: { arxiv, arxivVersion: version },
      title,
      abstract,
      authors,
      published: iso(published),
      updated: iso(updated),
      primaryCategory: categories[0]!,
      categories,
      links: { abstract: `https://arxiv.org/abs/${arxiv}v${version}`, pdf: `https://arxiv.org/pdf/${arxiv}v${version}` },
      sources: ["arxiv"],
    });
  }
  return out.reverse();
}
