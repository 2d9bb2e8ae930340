/** Every command, one module each. Adding a command = one file + one line here. */
import type { Command } from 'commander';
import { registerGen } from './commands/gen.js';
import { registerLint } from './commands/lint.js';
import { registerBreaking } from './commands/breaking.js';
import { registerContracts } from './commands/contracts.js';
import { registerVerify } from './commands/verify.js';
import { registerTest } from './commands/test.js';
import { registerMock } from './commands/mock.js';

/** `setExit(code)` raises the process exit code (the highest wins). */
export type RegisterCommand = (program: Command, setExit: (code: number) => void) => void;

export const commands: RegisterCommand[] = [registerGen, registerLint, registerBreaking, registerContracts, registerVerify, registerTest, registerMock];
