using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using RadiologyNet.Silo;

// A standalone silo on this machine: localhost clustering with fixed ports so `radnet ... --connect` finds it.
// Settings come from appsettings.json, RADNET_ environment variables and --Key=value arguments.
var builder = Host.CreateApplicationBuilder(args);
builder.Configuration.AddEnvironmentVariables("RADNET_");
var siloPort = builder.Configuration.GetValue("Silo:Port", 11111);
var gatewayPort = builder.Configuration.GetValue("Silo:GatewayPort", 30000);
builder.UseOrleans(silo => silo.ConfigureEmbedded(builder.Configuration, siloPort, gatewayPort));
await builder.Build().RunAsync();
