import { runtimeSlot } from "../runtime";

/**
 * Further CLI commands, registered by the modules that own them (demo seed, rollups verify…).
 * Each is `{ name: "<noun> <verb>", usage, run }`. The table is process state (the `CliCommands`
 * slot of lib/runtime): keyed by name, so a module evaluated twice (a hot reload, a test that
 * imports it again) registers its commands once.
 */
export type Io = { out: (s: string) => void; err: (s: string) => void };

export type CliCommand = {
  name: string;
  usage: string;
  run: (ctx: { values: Record<string, string | boolean | undefined>; positionals: string[]; io: Io }) => Promise<void>;
};

const commandsSlot = runtimeSlot<Map<string, CliCommand>>("CliCommands");

export function registerCliCommand(command: CliCommand): void {
  (commandsSlot.value ??= new Map()).set(command.name, command);
}

/** Every registered command, in the order first registered (the usage text lists them so). */
export function cliCommands(): CliCommand[] {
  return [...(commandsSlot.value?.values() ?? [])];
}

export function cliCommand(name: string): CliCommand | undefined {
  return commandsSlot.value?.get(name);
}
