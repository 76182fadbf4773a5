# Vikarmatch: one image for the API (default command) and the queue workers (`node --import tsx src/cli.ts worker`).
# TypeScript runs through tsx, as in development: there is no build step to drift from the tested code.

FROM node:20-slim AS deps
WORKDIR /app
# better-sqlite3 fetches a prebuilt binary for this platform; the compilers are its fallback when none fits.
# They stay in this stage only.
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
# The root postinstall builds web/ when it is there; here it is not (its own stage below), so it skips.
COPY scripts/postinstall.mjs ./scripts/
RUN npm install --omit=dev --no-audit --no-fund

# The web app: built from web/ alone (its own package and lockfile), only web/dist goes into the image.
FROM node:20-slim AS web
WORKDIR /app/web
COPY web/package.json web/package-lock.json ./
RUN npm install --no-audit --no-fund
COPY web ./
RUN npm run build

FROM node:20-slim
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    DATA_DIR=/data
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY package.json ./
COPY bin ./bin
COPY src ./src
COPY indexer ./indexer
COPY scoring ./scoring
COPY workers ./workers
COPY --from=web /app/web/dist ./web/dist
# DATA_DIR, owned by the unprivileged user. Embedded (no DATABASE_URL): the SQLite files, the queue, the generated
# CPR hash key. With DATABASE_URL + REDIS_URL + CPR_HASH_KEY: only upload spools and demo-tokens.txt, nothing another
# host needs, so each container may have its own.
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3000
# Node handles SIGTERM itself (graceful drain); run with an init (compose: `init: true`) so it is not PID 1.
CMD ["node", "--import", "tsx", "src/server.ts"]
