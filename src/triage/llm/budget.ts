/** What one run may spend on the LLM: HTTP attempts (retries included) and tokens. */
export interface LlmLimits {
  maxCalls: number;
  maxTokens: number;
}

export interface Reservation {
  readonly tokens: number;
}

/**
 * A hard per-run cap. Every HTTP attempt reserves one call and its worst case in tokens (the
 * estimated input plus the output ceiling) BEFORE it is sent, so calls in flight at once cannot
 * all slip under the cap; when the answer arrives the reservation is settled at what was really
 * spent (or the estimate, when the server reports no usage). Reservations are synchronous: no
 * await can come between the check and the booking.
 */
export class LlmBudget {
  private calls = 0;
  private tokens = 0;

  constructor(readonly limits: LlmLimits) {}

  /** A reservation, or the reason there is none (the cap that would be passed). */
  reserve(tokens: number): Reservation | { refused: string } {
    if (this.calls + 1 > this.limits.maxCalls) return { refused: `per-run LLM cap reached (${this.limits.maxCalls} calls)` };
    if (this.tokens + tokens > this.limits.maxTokens) return { refused: `per-run LLM cap reached (${this.limits.maxTokens} tokens)` };
    this.calls++;
    this.tokens += tokens;
    return { tokens };
  }

  /** Replaces a reservation's tokens with what the attempt really cost. */
  settle(reservation: Reservation, spentTokens: number): void {
    this.tokens += spentTokens - reservation.tokens;
  }

  get spent(): { calls: number; tokens: number } {
    return { calls: this.calls, tokens: this.tokens };
  }
}
