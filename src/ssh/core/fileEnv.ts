import { type LockOptions } from './fileLock';
import { type FsPort } from './fsPort';
import { type SshPaths } from './paths';

/** Where the SSH core's files are and how to reach them (tests inject temp paths and a fake fs). */
export interface SshFileEnv {
  paths: SshPaths;
  fs?: FsPort;
  lock?: LockOptions;
}
