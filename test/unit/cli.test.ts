import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli/program.js';

describe('cli program', () => {
  it('lists its commands', () => {
    const names = buildProgram().commands.map((c) => c.name());
    expect(names).toContain('serve');
  });
});
