/**
 * The engine's event types, as the CLI and the bot see them: one import path outside the engine, so neither reaches
 * into the store for them.
 */
export type { EngineEvent, PhaseSummary, StoredEvent } from '../store/EngineEvent.ts';
