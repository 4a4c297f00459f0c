# Rapport's image. CI has no Docker engine: scripts/dockerfile-dry-run.ts
# carries out these very instructions on the host and starts the result
# against PostgreSQL (npm run image:dry-run), so keep to the instructions it
# knows (FROM, WORKDIR, ENV, COPY, RUN, VOLUME, USER, EXPOSE, HEALTHCHECK, CMD).

# Build with dev dependencies: the Prisma client regenerated from the schema, then the compiler.
FROM node:24-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY prisma ./prisma
COPY scripts/prisma-generate.mjs ./scripts/prisma-generate.mjs
COPY src ./src
RUN npm run generate && npm run build

# Run with production dependencies only, as an unprivileged user.
FROM node:24-slim
ENV NODE_ENV=production DATA_DIR=/app/data PORT=3000
WORKDIR /app
COPY package.json package-lock.json ./
# --omit=optional too: @prisma/client names the prisma CLI (and its ~120 packages)
# and typescript as optional peers; the service runs without them.
RUN npm ci --omit=dev --omit=optional --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY prisma ./prisma
COPY schema ./schema
COPY bin ./bin
RUN mkdir -p /app/data && chown node:node /app/data
USER node
VOLUME ["/app/data"]
EXPOSE 3000
# Migrations are applied by the service as it starts (DATABASE_URL, or the embedded database in /app/data).
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s \
  CMD node -e "fetch('http://127.0.0.1:'+process.env.PORT+'/health/ready').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "dist/server.js"]
