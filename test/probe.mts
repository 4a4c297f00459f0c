const mods = ['fastify', 'zod', 'pg', '@electric-sql/pglite', 'pglite-prisma-adapter', '@prisma/adapter-pg', '../src/generated/prisma/client.ts', 'graphql', 'mercurius', '@fastify/swagger', '@fastify/swagger-ui', 'fastify-type-provider-zod', 'pino', '../src/app.ts'];
for (const m of mods) {
  const t = performance.now(); const c = process.cpuUsage();
  await import(m);
  const u = process.cpuUsage(c);
  console.log(m.padEnd(40), (performance.now() - t).toFixed(0).padStart(5), 'ms', ((u.user + u.system) / 1000).toFixed(0).padStart(5), 'cpu ms');
}
