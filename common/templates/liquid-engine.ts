import { CaptureTag, Liquid, Tag, type Context } from 'liquidjs';
import { PrefillTag } from './prefill-tag';

/**
 * LiquidJS's memoryLimit does not count what `{% capture %}` builds, so a capture doubled in a loop
 * grew to gigabytes: the render worker hit its heap ceiling, and Node 20 can abort the whole process
 * when a worker runs out of memory while it is being torn down (seen in CI). A captured string past
 * this size fails the render instead, long before any heap limit.
 */
export const MAX_CAPTURE_CHARS = 1_000_000;

class BoundedCaptureTag extends CaptureTag {
  override *render(ctx: Context): Generator<unknown, void, string> {
    yield* super.render(ctx);
    const value: unknown = (ctx.bottom() as Record<string, unknown>)[this.variable];
    if (typeof value === 'string' && value.length > MAX_CAPTURE_CHARS) {
      throw new Error(`This entry is too large to render: {% capture ${this.variable} %} grew past ${MAX_CAPTURE_CHARS} characters`);
    }
  }
}

/**
 * Tags that would read other files from disk. Templates arrive from a server and from imports, so a
 * template must never be able to pull a local file into a reply; these fail at parse time instead.
 */
const FILE_TAGS = ['include', 'render', 'layout'] as const;

type TagOptions = Parameters<Liquid['registerTag']>[1];

function refusingTag(name: string): TagOptions {
  return {
    parse() {
      throw new Error(`the {% ${name} %} tag is not allowed in reply templates`);
    },
    render() {
      return '';
    },
  };
}

/**
 * The one Liquid configuration used everywhere (app, server publish check, CLI import check), so a
 * template that validates on the server renders the same way in the app.
 * strictVariables: a missing variable is an error, never an empty gap in a customer reply.
 * strictFilters: a misspelt filter is a parse error, not silently ignored.
 * ownPropertyOnly: values are plain records built from the form; never reach prototype members.
 * lenientIf: a field left empty is simply absent, which is false in if/unless/case and takes the
 * `default` filter's value, while printing it plainly stays an error.
 */
/**
 * A tag this version does not know, in an engine that renders (docs/context-prefill.md,
 * "Older and newer clients"): it renders nothing, its arguments are not read, and the text around
 * it renders as written. Only a newer server can have accepted such a tag (publish is strict).
 */
class UnknownTag extends Tag {
  render(): string {
    return '';
  }
}

/** `engine.tags` answering UnknownTag for a name nothing registered (LiquidJS looks tags up by name there). */
function renderUnknownTagsAsNothing(engine: Liquid): void {
  const known = engine.tags;
  const lenient = new Proxy(known, {
    get: (target, name) => (typeof name === 'string' && !Object.hasOwn(target, name) ? UnknownTag : Reflect.get(target, name)),
  });
  (engine as { tags: Liquid['tags'] }).tags = lenient;
}

export interface LiquidEngineOptions {
  /**
   * Applied to every `{{ output }}` (unless its last filter is `raw`). Liquid adds it at parse time,
   * so templates must be parsed by the engine that renders them.
   */
  escapeOutput?: (value: unknown) => string;
  /**
   * `refuse` (publish and import checks): a tag nobody registered is a parse error, so a typo never
   * reaches an agent. `render-nothing` (rendering, in the app and the server's answers): it is a tag
   * from a newer version and renders nothing, so the entry stays usable on an older client.
   */
  unknownTags?: 'refuse' | 'render-nothing';
}

export function createLiquidEngine(options: LiquidEngineOptions = {}): Liquid {
  const engine = new Liquid({
    ...(options.escapeOutput ? { outputEscape: options.escapeOutput } : {}),
    strictVariables: true,
    strictFilters: true,
    ownPropertyOnly: true,
    lenientIf: true,
    // No template may exhaust the app: these bound parse time, render time and allocation.
    parseLimit: 1_000_000,
    renderLimit: 2_000,
    memoryLimit: 10_000_000,
    cache: false,
    root: [],
    partials: [],
    layouts: [],
  });
  for (const name of FILE_TAGS) engine.registerTag(name, refusingTag(name));
  engine.registerTag('capture', BoundedCaptureTag);
  // Where a variable's value may come from (issue #18); renders nothing.
  engine.registerTag('prefill', PrefillTag);
  if (options.unknownTags === 'render-nothing') renderUnknownTagsAsNothing(engine);
  return engine;
}
