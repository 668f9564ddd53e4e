# One image for every service; docker-compose picks the entry point per service.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY platform platform
COPY domain domain
COPY gateway gateway
COPY subgraphs subgraphs
COPY dev dev
COPY schema schema
COPY dashboard dashboard
COPY ide ide
COPY scripts/dashboard.js scripts/ide.js scripts/trusted-documents.js scripts/
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
ENV NODE_ENV=production HOST=0.0.0.0
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules node_modules
COPY --from=build /app/dist dist
# Migrations and estate data are read at run time from the checked-in files.
COPY --from=build /app/schema schema
COPY --from=build /app/platform platform
COPY --from=build /app/domain domain
COPY --from=build /app/subgraphs subgraphs
USER node
# The gateway's readiness by default; docker-compose gives each subgraph its own port to probe.
HEALTHCHECK --interval=10s --timeout=4s --start-period=30s --retries=3 CMD ["node", "dist/platform/health-probe.js"]
CMD ["node", "dist/gateway/main.js"]
