const { prepareRuntime } = require('/work/main/dist/runtime');
const { Client } = require('/work/main/node_modules/pg');
(async () => {
  const runtime = await prepareRuntime({ migrate: false, runWorkers: false });
  const client = new Client({ connectionString: runtime.database.url });
  await client.connect();
  const r = await client.query(`SELECT extract(epoch from finished_at - started_at) AS compute_s FROM consolidation WHERE scope_kind='national' ORDER BY requested_at DESC LIMIT 1`);
  console.log(r.rows);
  const q = require('/work/main/dist/modules/consolidation/consolidation.queries');
  await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ'); await client.query("SET LOCAL work_mem = '128MB'");
  let t = Date.now();
  for (const s of q.stagingSql('national')) { const t0 = Date.now(); await client.query(s, s.includes('$1') ? ['2016-01-01','2017-12-31'] : []); console.log(s.slice(0,50).replace(/\s+/g,' '), Date.now()-t0); }
  for (const name of ['headlineSql','breakdownsSql','monthsSql','reportingStructuresSql','table1Sql','table2Sql','table3Sql']) { const t0 = Date.now(); await client.query(q[name](), ['2017-01-01','2017-12-31']); console.log(name, Date.now()-t0); }
  await client.query('ROLLBACK');
  t = Date.now(); await client.query(q.fingerprintSql('national'), ['2016-01-01','2017-12-31']); console.log('fingerprint', Date.now()-t);
  t = Date.now(); await client.query(`SELECT sum(h.hours_worked + CASE WHEN m.training_counts THEN coalesce(h.training_hours,0) ELSE 0 END) FROM hours_entry h JOIN work_contract wc ON wc.id = h.work_contract_id JOIN market m ON m.id = wc.market_id WHERE h.status='VALIDATED' AND h.month BETWEEN '2017-01-01' AND '2017-12-31'`); console.log('hand hours', Date.now()-t);
  await client.end(); await runtime.database.stop();
})();
