# syntax=docker/dockerfile:1
FROM node:20-bookworm-slim AS build
WORKDIR /app
# npm ci runs the package's `prepare` script, the build, so the sources come first; the npm cache mount keeps a
# rebuild after a source change from downloading the dependencies again.
COPY package.json package-lock.json tsconfig.json tsconfig.build.json ./
COPY src ./src
# The CLI package's postinstall puts this platform's native binary at its bin/claude.exe (a stub otherwise): fail the
# build here rather than every request later.
RUN --mount=type=cache,target=/root/.npm npm ci --no-audit --no-fund && npm prune --omit=dev && node_modules/.bin/claude --version

FROM node:20-bookworm-slim
# MALLOC_ARENA_MAX and the node flags are npm start's: memory goes back to the system after large bodies (docs/benchmarks.md).
# CLAUDE_CONFIG_DIR: the CLI keeps its login and all its state there (without it, also in ~/.claude.json, outside a
# volume at ~/.claude). The gateway passes it and DISABLE_AUTOUPDATER to the CLI.
ENV NODE_ENV=production HOST=0.0.0.0 PORT=8000 MALLOC_ARENA_MAX=2 \
    CLAUDE_CONFIG_DIR=/home/gateway/.claude DISABLE_AUTOUPDATER=1
WORKDIR /app
# Mount a volume at /home/gateway/.claude to keep a `claude` login. The directory exists, the gateway user's, so a new
# named volume mounted there takes that owner (one Docker created for a missing path would be root's, unwritable).
RUN useradd --create-home --uid 10001 gateway && install -d -m 700 -o gateway -g gateway /home/gateway/.claude
# The code stays root's: neither the gateway nor a tool the CLI runs can change it.
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
USER gateway
EXPOSE 8000
# HOST=0.0.0.0 inside the container means API_KEYS must be set: the gateway refuses to start without it.
# The bundled CLI is node_modules/.bin/claude (e.g. `docker run -it … node_modules/.bin/claude auth login`).
CMD ["node", "--max-semi-space-size=1", "--optimize-for-size", "dist/main.js"]
