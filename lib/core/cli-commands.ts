/**
 * Further CLI commands, registered by the modules that own them (demo seed, rollups verify…).
 * Each is `{ name: "<noun> <verb>", usage, run }`.
 */
export type Io = { out: (s: string) => void; err: (s: string) => void };

export type CliCommand = {
  name: string;
  usage: string;
  run: (ctx: { values: Record<string, string | boolean | undefined>; positionals: string[]; io: Io }) => Promise<void>;
};

export const COMMANDS: CliCommand[] = [];
