// Starts and stops redis-server for the tests. Plain CommonJS: Jest's global setup and the outbox test (which
// stops and restarts a Redis of its own) both load it.
const { spawn, spawnSync } = require('node:child_process');
const { readFileSync } = require('node:fs');
const { createServer, Socket } = require('node:net');
const { setTimeout: sleep } = require('node:timers/promises');

async function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Sends PING over a raw socket until PONG or the deadline: never hangs, unlike a retrying client. */
async function redisAnswers(url, timeoutMs) {
  const { hostname, port } = new URL(url);
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const ok = await new Promise((resolve) => {
      const socket = new Socket();
      socket.setTimeout(500);
      socket.once('data', (data) => { socket.destroy(); resolve(data.toString().startsWith('+PONG')); });
      socket.once('error', () => resolve(false));
      socket.once('timeout', () => { socket.destroy(); resolve(false); });
      socket.connect(Number(port || 6379), hostname, () => socket.write('PING\r\n'));
    });
    if (ok) return true;
    await sleep(50);
  }
  return false;
}

function isRunning(pid) {
  try {
    return !readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].startsWith('Z');
  } catch {
    return false;
  }
}

/** Starts redis-server from the PATH on `port` (a free one by default), without persistence. */
async function startRedis(port) {
  if (spawnSync('redis-server', ['--version']).error) {
    throw new Error('redis-server is not on the PATH: install it (apt-get install -y redis-server) or set REDIS_URL');
  }
  const chosen = port ?? (await freePort());
  const child = spawn('redis-server', ['--port', String(chosen), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
    stdio: 'ignore',
  });
  const url = `redis://127.0.0.1:${chosen}`;
  if (!(await redisAnswers(url, 5000))) {
    child.kill('SIGKILL');
    throw new Error(`redis-server did not answer on port ${chosen} within 5 s`);
  }
  return { url, port: chosen, stop: () => stopChild(child, 5000) };
}

/** Ends a server started here with SIGTERM and waits until it is gone, at most `timeoutMs`. */
async function stopChild(child, timeoutMs) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  // The exit event can come seconds late on these machines: a zombie (or no process) counts as stopped.
  for (let waited = 0; waited < timeoutMs && isRunning(child.pid); waited += 50) await sleep(50);
}

/**
 * Starts an embedded PostgreSQL in `dataDir` on `port` (a free one by default) in a child process, for a test that
 * stops it; started again on the same folder and port, it comes back with its data.
 */
async function startPostgres(dataDir, port, database = 'postgres') {
  const chosen = port ?? (await freePort());
  const child = spawn(process.execPath, [require.resolve('./postgres-process.cjs'), dataDir, String(chosen), database], { stdio: ['ignore', 'pipe', 'pipe'] });
  let errors = '';
  child.stderr.on('data', (data) => (errors += data));
  const url = await new Promise((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (data) => {
      output += data;
      if (output.includes('\n')) resolve(output.trim());
    });
    child.once('exit', (code) => reject(new Error(`embedded PostgreSQL exited (${code}): ${errors}`)));
  });
  return { url, port: chosen, stop: () => stopChild(child, 10000) };
}

module.exports = { freePort, redisAnswers, startRedis, startPostgres };
