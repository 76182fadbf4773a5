import { ApiError } from '../api/client';
import { danishProblem } from '../lib/text';
import { Alert } from './ds';

export function errorText(error: unknown): string {
  if (error instanceof ApiError) return danishProblem(error.status, error.problem.detail);
  return 'Serveren kunne ikke nås. Prøv igen.';
}

export function QueryError({ error }: { error: unknown }) {
  if (!error) return null;
  return (
    <Alert kind="error" heading="Noget gik galt" live>
      <p>{errorText(error)}</p>
    </Alert>
  );
}
