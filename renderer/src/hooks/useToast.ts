import { useCallback, useEffect, useState } from 'react';

export interface Toast {
  message: string;
  tone: 'info' | 'error';
  id: number;
}

const TOAST_MS = 4000;

/** A brief message (e.g. "Copied — press Ctrl+V") that clears itself. */
export function useToast(): { toast: Toast | null; show: (message: string, tone?: Toast['tone']) => void } {
  const [toast, setToast] = useState<Toast | null>(null);
  const show = useCallback((message: string, tone: Toast['tone'] = 'info') => {
    setToast({ message, tone, id: Date.now() });
  }, []);
  useEffect(() => {
    if (!toast) return;
    const timer = window.setTimeout(() => setToast(null), toast.tone === 'error' ? TOAST_MS * 2 : TOAST_MS);
    return () => window.clearTimeout(timer);
  }, [toast]);
  return { toast, show };
}
