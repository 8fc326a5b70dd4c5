# The API image used by docker-compose.yml. Builds the TypeScript, then runs dist/main.js.
FROM node:24-bookworm-slim AS build
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
# npm ci needs every workspace's package.json (the client library and the example app).
COPY client/package.json ./client/
COPY examples/react/package.json ./examples/react/
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build && npm prune --omit=dev

FROM node:24-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
# The files PROFILES_FILE and QUOTAS_FILE default to; scripts/check-runtime-files.mjs (CI) starts
# the server from exactly this stage's files, so a file missing here fails CI.
COPY src/config/profiles.json src/config/quotas.json ./src/config/
RUN mkdir -p /app/.data && chown node:node /app/.data
USER node
EXPOSE 4000
CMD ["node", "dist/main.js"]
