/**
 * Who an audit row names: the person, the API key, or neither (the CLI, the demo seed), and from
 * where (client address and user agent). Left out, the writer takes the client of the request
 * being served (lib/net/request-client.ts), so every entry made while serving a request says from where.
 * Domain writes take it as an argument (lib/auth/principal.ts derives it from the caller).
 */
export type Actor = { userId?: string | null; apiKeyId?: string | null; ip?: string | null; userAgent?: string | null };
