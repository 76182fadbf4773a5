import { type FormEvent, useState } from 'react';
import { ApiError } from '../api/client';
import { Button, ErrorSummary, TextField } from '../components/ds';
import { navigate, useTitle } from '../lib/router';
import { useLogin } from '../lib/session';
import { danishProblem } from '../lib/text';

export function LoginPage({ next }: { next: string }) {
  useTitle('Log ind');
  const login = useLogin();
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!token.trim()) {
      setError('Skriv din adgangsnøgle');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await login(token.trim());
      // The token is not kept anywhere after this: the server answered with an httpOnly session cookie.
      setToken('');
      navigate(next || '/', true);
    } catch (err) {
      setError(
        err instanceof ApiError && (err.status === 401 || err.status === 400)
          ? 'Adgangsnøglen blev ikke genkendt. Den kan være tilbagekaldt eller udløbet.'
          : err instanceof ApiError
            ? danishProblem(err.status, err.problem.detail)
            : 'Serveren kunne ikke nås.',
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="row">
      <div className="col-12 col-md-8 col-lg-6">
        <h1>Log ind</h1>
        <p className="font-lead">
          Log ind med den personlige adgangsnøgle, du har fået af din administrator. Nøglen bytter vi til en
          session; den gemmes ikke i browseren.
        </p>
        <ErrorSummary errors={error ? [{ fieldId: 'token', message: error }] : []} />
        <form onSubmit={submit} noValidate>
          <TextField
            id="token"
            label="Adgangsnøgle"
            type="password"
            autoComplete="off"
            value={token}
            error={error ?? undefined}
            onChange={(e) => setToken(e.target.value)}
          />
          <Button type="submit" disabled={busy}>
            {busy ? 'Logger ind …' : 'Log ind'}
          </Button>
        </form>
      </div>
    </div>
  );
}
