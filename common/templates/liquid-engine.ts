import { Liquid } from 'liquidjs';

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
export interface LiquidEngineOptions {
  /**
   * Applied to every `{{ output }}` (unless its last filter is `raw`). Liquid adds it at parse time,
   * so templates must be parsed by the engine that renders them.
   */
  escapeOutput?: (value: unknown) => string;
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
  return engine;
}
