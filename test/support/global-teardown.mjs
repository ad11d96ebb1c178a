export default async function globalTeardown() {
  const services = globalThis.__CT_SERVICES__;
  if (!services) return;
  await services.redis.stop();
  await services.database.stop();
}
