// The validation API used by the CLI, the UI and the API client before anything is sent.
export { type Issue, renameIssue } from './issue';
export { validateCreateSpec, CREATE_FIELDS, type CreateField, createPortClaims } from './createSpec';
export { validateModifySpec, MODIFY_FIELDS, type ModifyField } from './modifySpec';
export {
  validateSnapshotSpec, SNAPSHOT_FIELDS, type SnapshotField, type SnapshotContext,
} from './snapshotSpec';
export { validateField, type SpecField, type FieldContext } from './fields';
export {
  normalizeCreateSpec, normalizeModifySpec, normalizeSnapshotSpec, type WireAdditional,
} from './normalize';
export {
  parseCustomPort, formatCustomPort, expandCustomPorts, type CustomPortRule, type CustomPortProtocol,
  type PortRange,
} from './customPort';
export { checkMulticastEntry, parseIpv4 } from './multicast';
export { osKindOf, type OsKind, BIOS_MODES, type BiosMode } from './system';
export { type PortClaim, type PortProtocol, MIN_VNC_PORT } from './ports';
export { checkRentOrderId } from './text';
export { checkDeletableDisk, checkDiskName, checkDiskSize, checkMountDir } from './diskSpec';
export { checkIpCidr, checkLanName, checkMonitorServers } from './lanSpec';
