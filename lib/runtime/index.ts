import { Lru } from "./lru";
import { RUNTIME_SLOTS, type SlotName } from "./slots";

/**
 * The one way to keep state in a process (decision 044, docs/process-state.md). A slot lives
 * on `globalThis` (as `__spendline<Name>`) so that Next's development hot reload, which
 * re-evaluates modules, does not create a second copy. Every slot is declared in
 * ./slots.ts with its module, what it holds, what several processes mean for it and, for a
 * cache, its bound; nothing else in the code touches `globalThis.__spendline…`.
 */
export type Slot<T> = {
  readonly name: SlotName;
  /** the value held (undefined until set); `slot.value ??= create()` creates it once */
  value: T | undefined;
};

const held = globalThis as unknown as Record<string, unknown>;

export function globalName(name: SlotName): string {
  return `__spendline${name}`;
}

export function runtimeSlot<T>(name: SlotName): Slot<T> {
  if (!(name in RUNTIME_SLOTS)) throw new Error(`runtimeSlot: ${name} is not declared in lib/runtime/slots.ts`);
  const key = globalName(name);
  return {
    name,
    get value() {
      return held[key] as T | undefined;
    },
    set value(v: T | undefined) {
      if (v === undefined) delete held[key];
      else held[key] = v;
    },
  };
}

type CacheSlotName = { [K in SlotName]: (typeof RUNTIME_SLOTS)[K] extends { max: number } ? K : never }[SlotName];

/** A bounded cache slot: an Lru of the `max` entries its declaration gives. */
export function runtimeCache<K, V>(name: CacheSlotName): Lru<K, V> {
  const slot = runtimeSlot<Lru<K, V>>(name);
  return (slot.value ??= new Lru<K, V>(RUNTIME_SLOTS[name].max));
}
