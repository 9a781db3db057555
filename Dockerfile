# One image for every process of the scaled layout (API, projector, reporting job, operator
# commands); the command picks the process. Built on the image's own OS, so better-sqlite3's native
# module matches it (a process on PostgreSQL or KurrentDB does not load it at all).
#   docker build -t jejak .
#   docker run --rm -e JWT_SECRET=... -p 3000:3000 jejak                      # embedded default
#   docker run --rm ... jejak node dist/apps/projector/src/main.js             # see infra/

FROM node:20-bookworm-slim AS build
WORKDIR /app
# Compilers for a native module without a prebuilt binary for this platform.
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY apps apps
COPY libs libs
RUN npm run build \
  # Production dependencies only; optional ones stay (the KurrentDB client reads through one).
  && npm prune --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim
ENV NODE_ENV=production JEJAK_DATA_DIR=/data PORT=3000
# The V8 flags of npm start: a young generation that a read model's batch dies in (ADR 0017, ninth round).
ENV NODE_OPTIONS=--max-semi-space-size=64
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules node_modules
COPY --from=build /app/dist dist
# The code belongs to root and is read-only for the process; only /data is its own.
RUN mkdir -p /data && chown node:node /data && chmod 0700 /data
USER node
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/health/ready').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "dist/apps/api/src/main.js"]
