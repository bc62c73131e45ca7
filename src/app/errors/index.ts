/** The errors a face over the application layer (CLI, bot) catches, from one import path. */
export { type ApprovalRefusal, ApprovalRefusedError } from './ApprovalRefusedError.ts';
export { PlanRefusedError } from './PlanRefusedError.ts';
export { SettingsRefusedError } from './SettingsRefusedError.ts';
