import { useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, request, setCsrfToken } from '../api/client';

export interface Principal {
  tokenId: string;
  role: 'admin' | 'konsulent' | 'virksomhed';
  jobcenter: string | null;
  label: string;
  nationalScope: boolean;
}
export interface SessionInfo {
  principal: Principal;
  csrfToken: string;
  expiresAt: string;
}

/** GET /v1/session: who is logged in, or null (401). Also refreshes the in-memory CSRF token. */
async function fetchSession(): Promise<SessionInfo | null> {
  try {
    const s = await request<SessionInfo>('GET', '/v1/session');
    setCsrfToken(s.csrfToken ?? null);
    return s;
  } catch (e) {
    if (e instanceof ApiError && (e.status === 401 || e.status === 403)) return null;
    throw e;
  }
}

export function useSession() {
  return useQuery({ queryKey: ['session'], queryFn: fetchSession, staleTime: 60_000, retry: false });
}

export function useLogin() {
  const qc = useQueryClient();
  return async (token: string) => {
    const s = await request<SessionInfo>('POST', '/v1/session', { token });
    setCsrfToken(s.csrfToken);
    qc.setQueryData(['session'], s);
    return s;
  };
}

export function useLogout() {
  const qc = useQueryClient();
  return async () => {
    try {
      await request('DELETE', '/v1/session');
    } finally {
      setCsrfToken(null);
      qc.clear();
      qc.setQueryData(['session'], null);
    }
  };
}
