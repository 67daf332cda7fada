"use client";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createContext, useContext, useState } from "react";
import type { FilterDefaults } from "./filters/url-params";

const DefaultsContext = createContext<FilterDefaults>({});
export const useFilterDefaults = () => useContext(DefaultsContext);

export function Providers({ children, defaults = {} }: { children: React.ReactNode; defaults?: FilterDefaults }) {
  const [client] = useState(
    () => new QueryClient({ defaultOptions: { queries: { staleTime: 30_000, refetchOnWindowFocus: false, retry: 1 } } }),
  );
  return (
    <DefaultsContext.Provider value={defaults}>
      <QueryClientProvider client={client}>{children}</QueryClientProvider>
    </DefaultsContext.Provider>
  );
}
