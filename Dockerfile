# headscout's GitHub App server. Not built in CI (no container daemon there): the same start
# command is tested instead (tests/github/app/server-start.test.ts), health endpoint included.
FROM node:22-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund

FROM node:22-slim
ENV NODE_ENV=production PORT=3000 HOST=0.0.0.0
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY package.json app.yml ./
COPY bin ./bin
COPY src ./src
COPY data ./data
COPY prompts ./prompts
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# SIGTERM lets running scans finish (up to 22 s), records any still running as interrupted, then stops.
CMD ["node", "bin/run-ts.js", "src/github/server/main.ts"]
