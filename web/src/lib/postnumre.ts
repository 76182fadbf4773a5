import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../api/client';

export interface Postnummer {
  postalCode: string;
  town: string;
}

/** GET /v1/postnumre?q= : by number prefix or town name. */
export function usePostnumre(q: string) {
  const term = q.trim();
  return useQuery({
    queryKey: ['postnumre', term],
    queryFn: async () => (await unwrap(api.GET('/v1/postnumre', { params: { query: { q: term } } }))).items,
    enabled: term.length >= 2,
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/** What the konsulent typed -> a postnummer: "8200", "8200 Aarhus N", or a town name with one match. */
export function resolvePostalCode(text: string, suggestions: readonly Postnummer[]): string | undefined {
  const t = text.trim();
  const digits = /^(\d{4})\b/.exec(t);
  if (digits) return digits[1];
  if (!t) return undefined;
  const exact = suggestions.filter((s) => s.town.toLowerCase() === t.toLowerCase());
  if (exact.length >= 1) return exact[0]?.postalCode;
  return suggestions.length === 1 ? suggestions[0]?.postalCode : undefined;
}
