# syntax=docker/dockerfile:1
FROM node:20-bookworm-slim AS build
WORKDIR /app
# npm ci runs the package's `prepare` script, the build, so the sources come first; the npm cache mount keeps a
# rebuild after a source change from downloading the dependencies again.
COPY package.json package-lock.json tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN --mount=type=cache,target=/root/.npm npm ci --no-audit --no-fund && npm prune --omit=dev

FROM node:20-bookworm-slim
# MALLOC_ARENA_MAX and the node flags are npm start's: memory goes back to the system after large bodies (docs/benchmarks.md).
ENV NODE_ENV=production HOST=0.0.0.0 PORT=8000 MALLOC_ARENA_MAX=2
WORKDIR /app
# The CLI keeps its login and state in $HOME/.claude: mount a volume there to keep a `claude` login.
RUN useradd --create-home --uid 10001 gateway
COPY --from=build --chown=gateway /app/node_modules ./node_modules
COPY --from=build --chown=gateway /app/dist ./dist
COPY --chown=gateway package.json ./
USER gateway
EXPOSE 8000
# HOST=0.0.0.0 inside the container means API_KEYS must be set: the gateway refuses to start without it.
CMD ["node", "--max-semi-space-size=1", "--optimize-for-size", "dist/main.js"]
