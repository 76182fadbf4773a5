import { expect } from 'vitest';
import { waitFor } from '../support/wait.ts';

/** The README's curl session as code: create an order, request a shortlist, poll it until it is finished. */
export async function createOrderAndShortlist(url: string, token: string, jobcenter = '751') {
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const created = await fetch(`${url}/v1/job-orders`, {
    method: 'POST',
    headers,
    body: JSON.stringify({
      externalId: `runtime-${Date.now()}`,
      jobcenter,
      company: { cvr: '12345674', name: 'Nordlager A/S' },
      title: 'Lagermedarbejder',
      postalCode: '8000',
      tasks: 'Plukning, pakning og varemodtagelse',
      mustHave: [],
      niceToHave: ['lager', 'truckcertifikat'],
      weeklyHours: 30,
      period: { from: '2027-01-04', to: '2027-06-30' },
      radiusKm: { full: 10, max: 15 },
      jobrotation: false,
    }),
  });
  expect(created.status, await created.clone().text()).toBe(201);
  const order = (await created.json()) as { id: string };

  const requested = await fetch(`${url}/v1/job-orders/${order.id}/shortlists`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ size: 10, scope: 'own' }),
  });
  expect(requested.status, await requested.clone().text()).toBe(202);
  const { id } = (await requested.json()) as { id: string };

  const done = await waitFor(
    async () => {
      const res = await fetch(`${url}/v1/shortlists/${id}`, { headers });
      expect(res.status).toBe(200);
      const body = (await res.json()) as { status: string; entries: unknown[]; candidatesConsidered: number };
      return body.status === 'done' || body.status === 'failed' ? body : undefined;
    },
    30_000,
    `shortlist ${id} to finish`,
    50,
  );
  return { orderId: order.id, shortlistId: id, shortlist: done };
}
