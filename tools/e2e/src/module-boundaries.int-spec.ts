import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { WORKSPACE_ROOT } from '@genesys-bridge/testing';

/** The architecture rules of eslint.config.mjs, proven on code that breaks them. */
describe('module boundaries (lint)', () => {
  const eslintBin = join(dirname(require.resolve('eslint/package.json')), 'bin/eslint.js');

  beforeAll(() => {
    // The boundary rule reads Nx's cached project graph; computing it once here makes the test standalone.
    execFileSync(process.execPath, [join(dirname(require.resolve('nx/package.json')), 'dist/bin/nx.js'), 'show', 'projects'], {
      cwd: WORKSPACE_ROOT,
      env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' },
      stdio: 'ignore',
    });
  }, 60_000);

  /** Lints `code` as if it were saved at `filePath`, with the project's own ESLint config, in a child process. */
  async function boundaryErrors(filePath: string, code: string): Promise<string[]> {
    let output: string;
    try {
      output = execFileSync(process.execPath, [eslintBin, '--format', 'json', '--stdin', '--stdin-filename', join(WORKSPACE_ROOT, filePath)], {
        cwd: WORKSPACE_ROOT,
        input: code,
        encoding: 'utf8',
      });
    } catch (error) {
      output = (error as { stdout: string }).stdout; // exit code 1 = lint errors found
    }
    const [result] = JSON.parse(output) as { messages: { ruleId: string; message: string }[] }[];
    return result.messages.filter((message) => message.ruleId === '@nx/enforce-module-boundaries').map((message) => message.message);
  }

  it('refuses an app importing another app', async () => {
    const errors = await boundaryErrors('apps/bot-connector/src/probe.ts', "import { handoverGatewayApp } from '../../handover-gateway/src/handover-gateway.app';\nexport const x = handoverGatewayApp;\n");
    expect(errors.join('\n')).toMatch(/Projects cannot be imported by a relative or absolute path/);
  });

  it('refuses a domain lib importing an infra lib', async () => {
    const errors = await boundaryErrors('libs/signatures/src/lib/probe.ts', "import { MessageRepository } from '@genesys-bridge/persistence';\nexport const x = MessageRepository;\n");
    expect(errors.join('\n')).toMatch(/"type:domain" can only depend on libs tagged with "type:domain"/);
  });

  it('refuses a contract lib importing anything', async () => {
    const errors = await boundaryErrors('libs/queue-contracts/src/lib/probe.ts', "import { ServiceEnv } from '@genesys-bridge/config';\nexport const x = ServiceEnv;\n");
    expect(errors.join('\n')).toMatch(/"type:contract" cannot depend on any libs with tags/);
  });

  it('refuses production code importing the testing lib, but allows it in tests', async () => {
    const code = "import { waitFor } from '@genesys-bridge/testing';\nexport const x = waitFor;\n";
    expect((await boundaryErrors('libs/queue-runtime/src/lib/probe.ts', code)).join('\n')).toMatch(/"type:infra" can only depend on libs tagged with/);
    expect(await boundaryErrors('libs/queue-runtime/src/lib/probe.int-spec.ts', code)).toEqual([]);
  });

  it('allows an app to use infra, data-access and contract libs', async () => {
    const code = "import { MessageRepository } from '@genesys-bridge/persistence';\nimport { QueueName } from '@genesys-bridge/queue-contracts';\nexport const x = [MessageRepository, QueueName];\n";
    expect(await boundaryErrors('apps/handover-gateway/src/probe.ts', code)).toEqual([]);
  });
});
