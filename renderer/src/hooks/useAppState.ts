import { useCallback, useEffect, useState } from 'react';
import type { AppStatusView, IpcError, IpcResult, SettingsUpdate, SettingsView } from '../../../common/ipc-contract';
import { api, call } from '../api';

export interface AppState {
  settings: SettingsView | null;
  status: AppStatusView | null;
  loadError: IpcError | null;
  setSettings: (settings: SettingsView) => void;
  setStatus: (status: AppStatusView) => void;
  updateSettings: (update: SettingsUpdate) => Promise<IpcResult<SettingsView>>;
}

/** Settings and status as main reports them; pushed events replace them wholesale. */
export function useAppState(): AppState {
  const [settings, setSettings] = useState<SettingsView | null>(null);
  const [status, setStatus] = useState<AppStatusView | null>(null);
  const [loadError, setLoadError] = useState<IpcError | null>(null);

  useEffect(() => {
    void call(() => api().getSettings({})).then((result) => {
      if (result.ok) setSettings(result.value);
      else setLoadError(result.error);
    });
    void call(() => api().getStatus({})).then((result) => {
      if (result.ok) setStatus(result.value);
      else setLoadError(result.error);
    });
  }, []);

  const updateSettings = useCallback(async (update: SettingsUpdate) => {
    const result = await call(() => api().updateSettings(update));
    if (result.ok) setSettings(result.value);
    return result;
  }, []);

  return { settings, status, loadError, setSettings, setStatus, updateSettings };
}
