import { describe, expect, it } from 'vitest';
import { CHANNELS, pageChannels } from '../../../common/ipc-channels';
import { LIBRARY_CHANNELS } from '../../../common/library-channels';

describe('IPC channel names: <page>:<key in kebab-case>', () => {
  it('names each key of a page', () => {
    expect(pageChannels('library', ['search', 'getEntry', 'resyncFromScratch'])).toEqual({
      search: 'library:search',
      getEntry: 'library:get-entry',
      resyncFromScratch: 'library:resync-from-scratch',
    });
  });

  it('gives the pages the names main and the preload have always used, none shared between them', () => {
    expect(CHANNELS.getUsageReport).toBe('cuecard:get-usage-report');
    expect(CHANNELS.reportEdit).toBe('cuecard:report-edit');
    expect(LIBRARY_CHANNELS.replaceApproverKey).toBe('library:replace-approver-key');
    expect(LIBRARY_CHANNELS.signRetirements).toBe('library:sign-retirements');
    const names = [...Object.values(CHANNELS), ...Object.values(LIBRARY_CHANNELS)];
    expect(new Set(names).size).toBe(names.length);
    expect(names.filter((n) => !/^(cuecard|library):[a-z][a-z-]*[a-z]$/.test(n) || n.includes('--'))).toEqual([]);
  });

  it('cannot be changed at run time', () => {
    expect(Object.isFrozen(CHANNELS)).toBe(true);
    expect(Object.isFrozen(LIBRARY_CHANNELS)).toBe(true);
  });
});
