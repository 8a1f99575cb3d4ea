/** The layer rule in eslint.config.js refuses an import that points outwards, and allows the ports. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const eslint = new ESLint({ cwd: root });

/** The no-restricted-imports messages ESLint gives for `source` as if it were the file `file`. */
async function refusals(file: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath: path.join(root, file) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('layers inside main/', () => {
  it.each([
    ['main/settings/x.ts', "import { IpcRouter } from '../ipc/handle';", 'domain'],
    ['main/sync/x.ts', "import { parseArgs } from '../cli/cli-io';", 'domain'],
    ['main/store/x.ts', "import { OverlayServices } from '../application/overlay-services';", 'domain'],
    ['main/search/x.ts', "import { openCore } from '../core/open-core';", 'domain'],
    ['main/application/x.ts', "import { TrayMenu } from '../shell/tray';", 'application'],
    ['main/application/x.ts', "import { ReplyDelivery } from '../paste/reply-delivery';", 'application'],
    ['main/ipc/x.ts', "import { TrayMenu } from '../shell/tray';", 'an adapter'],
  ])('%s may not %s', async (file, source, layer) => {
    expect(await refusals(file, `${source}\nexport const used = [${/\{ (\w+) \}/.exec(source)?.[1]}];\n`)).toEqual([
      `'${/'([^']+)'/.exec(source)?.[1]}' import is restricted from being used by a pattern. This file is ${layer}; it may not import an outer layer. Take a port (main/core/ports.ts) instead.`,
    ]);
  });

  it.each([
    ['main/settings/x.ts', "import type { HotkeyPort } from '../core/ports';"],
    ['main/settings/x.ts', "import { DomainError } from '../core/domain-error';"],
    ['main/application/x.ts', "import type { SearchService } from '../search/search-service';"],
    ['main/ipc/x.ts', "import type { OverlayServices } from '../application/overlay-services';"],
    ['main/core/x.ts', "import { TrayMenu } from '../shell/tray';"],
  ])('%s may %s', async (file, source) => {
    expect(await refusals(file, `${source}\nexport type Used = unknown;\n`)).toEqual([]);
  });
});

describe('the search engine (common/search/)', () => {
  const engineBan =
    'The search engine (common/search/) is for main and the server only; the renderer asks main over window.cuecard.';
  const processBan = 'common/ imports nothing from the processes.';

  it.each([
    ['renderer/src/x.tsx', "import { CuecardIndex } from '../../common/search/cuecard-index';", engineBan],
    ['renderer/src/overlay/x.ts', "import { tokenize } from '../../../common/search/text';", engineBan],
    ['common/templates/x.ts', "import { tokenize } from '../search/text';", engineBan],
    ['common/x.ts', "import { CuecardIndex } from './search/cuecard-index';", engineBan],
    ['common/search/x.ts', "import { KnowledgeStore } from '../../main/store/knowledge-store';", processBan],
    ['common/search/x.ts', "import { AnswerIndex } from '../../server/answers/answer-index';", processBan],
  ])('%s may not %s', async (file, source, message) => {
    expect(await refusals(file, `${source}\nexport const used = [${/\{ (\w+) \}/.exec(source)?.[1]}];\n`)).toEqual([
      `'${/'([^']+)'/.exec(source)?.[1]}' import is restricted from being used by a pattern. ${message}`,
    ]);
  });

  it.each([
    ['main/search/x.ts', "import { CuecardIndex } from '../../common/search/cuecard-index';"],
    ['server/answers/x.ts', "import { CuecardIndex } from '../../common/search/cuecard-index';"],
    ['common/search/x.ts', "import { localeChain } from '../locale';"],
    ['renderer/src/x.tsx', "import type { SearchHit } from '../../common/ipc-contract';"],
  ])('%s may %s', async (file, source) => {
    expect(await refusals(file, `${source}\nexport const used = [${/\{ (?:type )?(\w+) \}/.exec(source)?.[1]}];\n`)).toEqual([]);
  });
});
