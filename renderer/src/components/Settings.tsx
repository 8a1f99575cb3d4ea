import { useState } from 'react';
import type { IpcResult, SettingsUpdate, SettingsView } from '../../../common/ipc-contract';
import { describeError } from '../api';
import { isLinux, languageName } from '../lib/platform';
import { Managed } from './FormRow';
import { HotkeyField } from './HotkeyField';
import { LanguageOptions } from './LanguageOptions';
import { ResyncButton } from './ResyncButton';
import { RootKeySetting } from './RootKeySetting';
import { ServerSettings } from './ServerSettings';
import { Troubleshooting } from './Troubleshooting';
import { UsageReport } from './UsageReport';

interface Props {
  settings: SettingsView;
  locales: string[];
  onUpdate: (update: SettingsUpdate) => Promise<IpcResult<SettingsView>>;
}

type Field = keyof SettingsUpdate;

const PASTE_MODES: ReadonlyArray<{ mode: SettingsView['pasteMode']; label: string }> = [
  { mode: 'paste', label: 'Paste it into the app I came from' },
  { mode: 'copy', label: 'Only copy it; I paste myself' },
];

/** Preferences, inside the overlay. Each change saves at once; failures show beside the field. */
export function Settings({ settings, locales, onUpdate }: Props) {
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [saved, setSaved] = useState('');
  const pinned = (field: Field) => settings.pinned.includes(field);

  const save = async (update: SettingsUpdate, field: Field, what: string): Promise<string | null> => {
    const result = await onUpdate(update);
    const message = result.ok ? null : describeError(result.error);
    setErrors((previous) => ({ ...previous, [field]: message ?? undefined }));
    setSaved(result.ok ? `${what} saved.` : '');
    return message;
  };
  const errorFor = (field: Field) =>
    errors[field] ? (
      <p className="error" role="alert">
        {errors[field]}
      </p>
    ) : null;

  const available = Array.from(new Set([settings.locale, ...settings.fallbackLocales, ...locales])).sort();
  const toggleFallback = (locale: string, on: boolean) => {
    const next = on ? [...settings.fallbackLocales, locale] : settings.fallbackLocales.filter((l) => l !== locale);
    void save({ fallbackLocales: next }, 'fallbackLocales', 'Fallback languages');
  };

  return (
    <section className="settings" aria-labelledby="cuecard-settings-heading">
      <h2 id="cuecard-settings-heading" className="view-title">
        Settings
      </h2>
      <p className="hint">
        Changes save immediately. <kbd>Esc</kbd> goes back.
      </p>

      <HotkeyField
        key={settings.hotkey}
        hotkey={settings.hotkey}
        problem={settings.hotkeyProblem}
        pinned={pinned('hotkey')}
        onSave={(hotkey) => save({ hotkey }, 'hotkey', 'Hotkey')}
      />
      <Managed pinned={pinned('hotkey')} />

      <fieldset className="setting">
        <legend>Languages</legend>
        <div className="row">
          <label htmlFor="cuecard-settings-locale">Reply language</label>
          <select
            id="cuecard-settings-locale"
            value={settings.locale}
            disabled={pinned('locale')}
            onChange={(event) => void save({ locale: event.target.value }, 'locale', 'Reply language')}
          >
            <LanguageOptions locales={available} />
          </select>
        </div>
        <Managed pinned={pinned('locale')} />
        {errorFor('locale')}
        <fieldset className="checks" disabled={pinned('fallbackLocales')}>
          <legend>Fallback languages, when a reply is missing in your language</legend>
          {available
            .filter((locale) => locale !== settings.locale)
            .map((locale) => (
              <label key={locale} className="check">
                <input
                  type="checkbox"
                  checked={settings.fallbackLocales.includes(locale)}
                  onChange={(event) => toggleFallback(locale, event.target.checked)}
                />
                {languageName(locale)}
              </label>
            ))}
        </fieldset>
        <Managed pinned={pinned('fallbackLocales')} />
        {errorFor('fallbackLocales')}
      </fieldset>

      <fieldset className="setting" disabled={pinned('pasteMode')}>
        <legend>When I choose a reply</legend>
        {PASTE_MODES.map(({ mode, label }) => (
          <label key={mode} className="check">
            <input
              type="radio"
              name="cuecard-paste-mode"
              checked={settings.pasteMode === mode}
              onChange={() => void save({ pasteMode: mode }, 'pasteMode', 'Paste behaviour')}
            />
            {label}
          </label>
        ))}
        <Managed pinned={pinned('pasteMode')} />
        {errorFor('pasteMode')}
      </fieldset>
      <fieldset className="setting" disabled={pinned('restoreClipboard')}>
        <legend>Clipboard</legend>
        <label className="check">
          <input
            type="checkbox"
            checked={settings.restoreClipboard}
            onChange={(event) => void save({ restoreClipboard: event.target.checked }, 'restoreClipboard', 'Clipboard setting')}
          />
          Restore my clipboard after pasting
        </label>
        <Managed pinned={pinned('restoreClipboard')} />
        {errorFor('restoreClipboard')}
      </fieldset>
      <fieldset className="setting" disabled={pinned('contextCapture')}>
        <legend>Fields from what I copied or selected</legend>
        <label className="check">
          <input
            type="checkbox"
            checked={settings.contextCapture}
            aria-describedby="cuecard-context-capture-hint"
            onChange={(event) => void save({ contextCapture: event.target.checked }, 'contextCapture', 'Context setting')}
          />
          Fill template fields from what I copied{isLinux ? ' or selected' : ''} before opening Cuecard
        </label>
        <p id="cuecard-context-capture-hint" className="hint">
          When Cuecard opens it reads the clipboard{isLinux ? ' and the selected text' : ''} once, for fields a template marks
          (such as an order number). Filled values are highlighted for you to check; nothing is stored or sent.
          {isLinux ? '' : ' Copy the text first: this system does not let apps read another app’s selection.'}
        </p>
        <Managed pinned={pinned('contextCapture')} />
        {errorFor('contextCapture')}
      </fieldset>

      <fieldset className="setting">
        <legend>Appearance</legend>
        <div className="row">
          <label htmlFor="cuecard-settings-theme">Theme</label>
          <select
            id="cuecard-settings-theme"
            value={settings.theme}
            disabled={pinned('theme')}
            onChange={(event) => void save({ theme: event.target.value as SettingsView['theme'] }, 'theme', 'Theme')}
          >
            <option value="system">Same as the system</option>
            <option value="light">Light</option>
            <option value="dark">Dark</option>
          </select>
        </div>
        <Managed pinned={pinned('theme')} />
        {errorFor('theme')}
      </fieldset>

      <ServerSettings
        settings={settings}
        pinnedUrl={pinned('serverUrl')}
        pinnedToken={pinned('token')}
        onSave={(update) => save(update, 'serverUrl', 'Server settings')}
      />
      <RootKeySetting settings={settings} pinned={pinned('orgRootKey')} onSave={(update) => save(update, 'orgRootKey', 'Root key')} />
      <ResyncButton configured={settings.serverUrl !== '' && settings.hasToken} />
      <UsageReport
        enabled={settings.usageReports}
        pinned={pinned('usageReports')}
        onToggle={(on) => void save({ usageReports: on }, 'usageReports', 'Usage reports')}
      />
      {errorFor('usageReports')}
      <Troubleshooting />
      <p className="visually-hidden" role="status" aria-live="polite">
        {saved}
      </p>
    </section>
  );
}
