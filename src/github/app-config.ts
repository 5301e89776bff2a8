import { Cron } from "croner";
import { z } from "zod";

// The sections of .github/headscout.yml that only the GitHub App (and the Action) read.

export const pullRequestsConfigSchema = z
  .object({
    mode: z
      .enum(["grouped", "per-paper"])
      .default("grouped")
      .describe("grouped: one rolling pull request holds every new paper; per-paper: one pull request per paper."),
    labels: z.array(z.string().min(1).max(50)).default(["headscout"]).describe("Labels put on headscout's pull requests."),
    draft: z.boolean().default(false).describe("Open pull requests as drafts."),
    reviewers: z.array(z.string().regex(/^[A-Za-z0-9-]+$/, "a GitHub user name")).default([]).describe("Users asked to review each pull request."),
    maxOpen: z.number().int().min(1).max(50).default(5).describe("headscout opens no new pull request while this many of its own are open."),
    maxPapersPerPullRequest: z.number().int().min(1).max(50).default(20).describe("A grouped pull request holds at most this many papers; the rest wait for the next one."),
  })
  .strict();
export type PullRequestsConfig = z.infer<typeof pullRequestsConfigSchema>;

const cronExpression = z.string().refine(
  (text) => {
    try {
      new Cron(text, { paused: true });
      return true;
    } catch {
      return false;
    }
  },
  { message: "not a cron expression (five fields: minute hour day-of-month month day-of-week, in UTC)" },
);

export const scheduleConfigSchema = z
  .object({
    cron: z
      .union([z.literal("off"), cronExpression])
      .default("0 6 * * *")
      .describe('When scheduled scans run, in UTC (five-field cron), or "off". Default: daily at 06:00 (plus up to 30 minutes of jitter).'),
    firstLookbackDays: z.number().int().min(1).max(365).default(14).describe("How far back the first scan of a repository searches."),
    overlapDays: z.number().int().min(0).max(14).default(2).describe("Each scan searches again this many days before the previous one ended (arXiv's index lags)."),
  })
  .strict();
export type ScheduleConfig = z.infer<typeof scheduleConfigSchema>;
