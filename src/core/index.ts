// The editor-free core: validation, task states, log windows and markers, port planning and VM profiles.
// Nothing here imports 'vscode'; the CLI, the simulator and the extension all use it.
export * from './validation';
export {
  ALL_TEMPLATES, formatTemplate, JSON_ERRORS, LABELS, type Localizable, MESSAGES, type MessageCode,
} from './messages';
export {
  allowedActions, isActionAllowed, isTransitional, stateLabel, statusLabel, taskOsKind, VM_ACTIONS, VM_STATES,
  type VmAction, type VmState, vmStateOf,
} from './taskState';
export { blockedMarker, type GapMarker, gapMarker, restartedMarker } from './logMarkers';
export { contentBytes, CURRENT_NODE_CAPS, type LogCaps, OLD_NODE_CAPS, sanitizeLogLine } from './logWindow';
export { DEFAULT_POLL_TIMING, nextPollDelay, type PollTiming } from './logPolling';
export {
  conflicts, DEFAULT_PORT_RANGES, type ExistingTask, planPorts, type PlannerOptions, type PortPlan, PortPlanner,
  type PortRequest, taskPortClaims,
} from './portPlanner';
export {
  parseProfile, PROFILE_FIELDS, PROFILE_PATH, PROFILE_SCHEMA_PATH, type ProfileIssue, type VmProfile,
} from './profile';
export { loadProfile, profileToCreateSpec, type ProfileSpecResult } from './profileSpec';
export { type JsonPosition, parseJsonWithPositions } from './jsonPositions';
