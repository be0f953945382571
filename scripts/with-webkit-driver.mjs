// Runs a command with a WebKitWebDriver listening on a free loopback port
// (its URL in CARDFRAME_WEBKIT_DRIVER_URL), then stops the driver. Run it
// under `xvfb-run -a`: the MiniBrowser the driver opens has no headless mode.
import { spawn } from 'node:child_process';
import { createServer, connect } from 'node:net';
import { webkitPaths } from './engines.mjs';

const [command, ...args] = process.argv.slice(2);
const paths = webkitPaths();
if (!command || !paths) {
  console.error(paths ? 'usage: node scripts/with-webkit-driver.mjs <command> [args…]' : 'WebKitGTK is not installed: apt-get install -y webkit2gtk-driver xvfb xauth');
  process.exit(2);
}

const port = await new Promise((resolve) => {
  const server = createServer().listen(0, '127.0.0.1', () => {
    const { port: free } = server.address();
    server.close(() => resolve(free));
  });
});
const driver = spawn(paths.driver, [`--port=${port}`, '--host=127.0.0.1'], { stdio: ['ignore', 'ignore', 'inherit'] });

const listening = () => new Promise((resolve) => connect(port, '127.0.0.1').on('connect', function () { this.end(); resolve(true); }).on('error', () => resolve(false)));
const deadline = Date.now() + 15000;
while (!(await listening())) {
  if (Date.now() > deadline || driver.exitCode !== null) {
    console.error(`WebKitWebDriver did not listen on ${port}`);
    driver.kill();
    process.exit(1);
  }
  await new Promise((resolve) => setTimeout(resolve, 100));
}

const child = spawn(command, args, { stdio: 'inherit', env: { ...process.env, CARDFRAME_WEBKIT_DRIVER_URL: `http://127.0.0.1:${port}` } });
const code = await new Promise((resolve) => child.on('close', (status) => resolve(status ?? 1)));
driver.kill();
process.exit(code);
