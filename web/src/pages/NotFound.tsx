import { Link, useTitle } from '../lib/router';

export function NotFound({ what = 'Siden' }: { what?: string }) {
  useTitle('Ikke fundet');
  return (
    <div>
      <h1>Ikke fundet</h1>
      <p>{what} findes ikke, eller du har ikke adgang til den fra dit jobcenter.</p>
      <p>
        <Link href="/">Gå til oversigten</Link>
      </p>
    </div>
  );
}
