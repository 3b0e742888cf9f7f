import { createContext, useContext } from 'react';
import type { ApiClient } from '../../src/web-client/api-client.ts';

export const ApiContext = createContext<ApiClient | null>(null);

/** The logged-in API client; pages render only inside the logged-in layout, where it is always set. */
export function useApi(): ApiClient {
  const client = useContext(ApiContext);
  if (!client) throw new Error('useApi() outside the logged-in layout');
  return client;
}
