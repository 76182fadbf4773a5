/**
 * Polls until `condition` returns something truthy and returns it; throws once `deadlineMs` has passed. Tests
 * synchronise on observable state through this instead of sleeping for a guessed duration.
 */
export async function waitFor<T>(
  condition: () => T | Promise<T>,
  deadlineMs = 10_000,
  what = 'condition',
  intervalMs = 20,
): Promise<NonNullable<T>> {
  const deadline = Date.now() + deadlineMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await condition();
      if (value) return value as NonNullable<T>;
    } catch (error) {
      // A probe may fail while the thing it watches is still starting up; keep polling until the deadline.
      lastError = error;
    }
    if (Date.now() > deadline) {
      const cause = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
      throw new Error(`timed out after ${deadlineMs} ms waiting for ${what}${cause}`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
