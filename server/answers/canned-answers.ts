/**
 * The benchmark's floor (`npm run server -- --canned-answers <file>`, `bench:answers --floor`):
 * every `GET /v1/answers` gets the same bytes, a real reply captured beforehand, after the same
 * HTTP parsing, auth hook, rate limits, validation, logging and reply hooks as a real one. What
 * the server then spends per request is what no ranking or rendering work could remove.
 */
import type { TokenCaller } from '../db/tokens';
import { AnswerService, type AnswersQuery, type Timing } from './answer-service';

export class CannedAnswers extends AnswerService {
  constructor(
    base: ConstructorParameters<typeof AnswerService>,
    private readonly reply: Buffer,
  ) {
    super(...base);
  }

  override answers(_caller: TokenCaller, _query: AnswersQuery, timing: Timing | null = null): Promise<Buffer> {
    timing?.mark('search');
    return Promise.resolve(this.reply);
  }
}
