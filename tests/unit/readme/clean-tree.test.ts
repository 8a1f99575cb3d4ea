/** `npm test` leaves `git status` clean: what the tests write lands in folders git ignores. */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SCREENSHOT_DIR } from '../../e2e/browser';
import { PROJECT_ROOT } from '../../e2e/harness-process';

const ignored = (file: string): boolean => spawnSync('git', ['check-ignore', '-q', file], { cwd: PROJECT_ROOT }).status === 0;

describe('a test run leaves the tree clean', () => {
  it('writes the end-to-end screenshots to an ignored folder, not over the README copies', () => {
    expect(path.relative(PROJECT_ROOT, SCREENSHOT_DIR)).toBe(path.join('out', 'screenshots'));
    expect(ignored(path.join(SCREENSHOT_DIR, 'results-light.png'))).toBe(true);
    expect(ignored(path.join(PROJECT_ROOT, 'docs/screenshots/results-light.png'))).toBe(false);
  });
});
