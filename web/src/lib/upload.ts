// A file sent to the server with its upload progress: the state the import forms share (the
// progress of the last upload and its error) and the one call that sends the file.
import { useState } from 'preact/hooks';
import { api, type QueryValue, type UploadProgress } from './api';

export type UploadResult<T> = { ok: true; value: T } | { ok: false };

export interface Upload {
  progress: UploadProgress | null;
  setProgress: (progress: UploadProgress | null) => void;
  error: unknown;
  setError: (error: unknown) => void;
  // Clears the error, starts the progress at zero and posts the file; a failure is kept in `error`.
  send: <T>(path: string, file: File, contentType: string, query: Record<string, QueryValue>) => Promise<UploadResult<T>>;
}

export function useUpload(): Upload {
  const [progress, setProgress] = useState<UploadProgress | null>(null);
  const [error, setError] = useState<unknown>(null);
  const send = async <T>(path: string, file: File, contentType: string, query: Record<string, QueryValue>): Promise<UploadResult<T>> => {
    setError(null);
    setProgress({ loaded: 0, total: file.size });
    try {
      return { ok: true, value: await api.upload<T>(path, file, contentType, query, setProgress) };
    } catch (err) {
      setError(err);
      return { ok: false };
    }
  };
  return { progress, setProgress, error, setError, send };
}
