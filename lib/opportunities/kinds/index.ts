import type { OpportunityKind } from "../types";
import type { OpportunityDetector } from "../context";
import * as agenticLoop from "./agentic-loop";
import * as batch from "./batch";
import * as freemiumThrottle from "./freemium-throttle";
import * as modelSwitch from "./model-switch";
import * as outputCap from "./output-cap";
import * as promptCaching from "./prompt-caching";
import * as unusedSeats from "./unused-seats";
import * as zombie from "./zombie";

/** Every kind of opportunity, one file each (docs/decisions/044): `detect(ctx)` finds them. */
export const DETECTORS: Record<OpportunityKind, OpportunityDetector> = {
  model_switch: modelSwitch,
  prompt_caching: promptCaching,
  output_cap: outputCap,
  batch,
  zombie,
  agentic_loop: agenticLoop,
  freemium_throttle: freemiumThrottle,
  unused_seats: unusedSeats,
};
