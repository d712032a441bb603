# syntax=docker/dockerfile:1
# The radnet console (src/Client); on Kubernetes it runs `radnet ingest` as a Job (deploy/k8s/base/ingest-job.yaml).
#   docker build -f deploy/docker/client.Dockerfile -t radnet-client:dev .    (context: the repository root)
# Same base as silo.Dockerfile (Debian 12 with .NET copied from Microsoft's images; see there why), so libgdcm-cil
# installs for the codec worker that `radnet annotate` and `radnet render` use in-process.

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS dotnet-sdk
FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS dotnet-runtime

FROM debian:bookworm-slim AS build
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ca-certificates libicu72 libssl3 zlib1g libgdcm-cil \
 && rm -rf /var/lib/apt/lists/*
COPY --from=dotnet-sdk /usr/share/dotnet /usr/share/dotnet
RUN ln -s /usr/share/dotnet/dotnet /usr/bin/dotnet
ENV DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_ROOT=/usr/share/dotnet
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY src/ src/
RUN dotnet publish src/Client/Client.csproj -c Release -o /app --nologo \
 && test -f /app/models/ResNet18.onnx && test -f /app/codec-worker/radnet-codec-worker.dll

FROM debian:bookworm-slim AS runtime
# .NET's dependencies, GDCM for the codec worker, fontconfig for SkiaSharp (thumbnails and renders).
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ca-certificates tzdata libicu72 libssl3 zlib1g libgdcm-cil libfontconfig1 \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --gid 1654 app && useradd --uid 1654 --gid 1654 --no-create-home --shell /usr/sbin/nologin app
COPY --from=dotnet-runtime /usr/share/dotnet /usr/share/dotnet
RUN ln -s /usr/share/dotnet/dotnet /usr/bin/dotnet
ENV DOTNET_ROOT=/usr/share/dotnet DOTNET_CLI_TELEMETRY_OPTOUT=1
COPY --from=build /app /app
WORKDIR /app
LABEL org.opencontainers.image.title="radnet-client" \
      org.opencontainers.image.description="RadiologyNet radnet console"
USER 1654:1654
ENTRYPOINT ["dotnet", "/app/radnet.dll"]
