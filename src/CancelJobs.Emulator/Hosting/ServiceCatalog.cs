using System.Collections.Generic;
using System.Linq;
using CancelJobs.Emulator.Protocol;
using CancelJobs.Emulator.Services.DataZone;
using CancelJobs.Emulator.Services.Dms;
using CancelJobs.Emulator.Services.IoT;
using CancelJobs.Emulator.Services.TwinMaker;

namespace CancelJobs.Emulator.Hosting;

/// <summary>The four emulated services and how an incoming request is attributed to one of them.</summary>
internal sealed class ServiceCatalog
{
    private readonly IReadOnlyList<ServiceDescriptor> services;

    public ServiceCatalog(EmulatorState state)
    {
        services =
        [
            new TwinMakerService(state.TwinMakerJobs, () => state.Settings).Describe(),
            new IoTService(state).Describe(),
            new DmsService(state.DmsConversions, () => state.Settings).Describe(),
            new DataZoneService(state.DataZoneRuns, () => state.Settings).Describe(),
        ];
    }

    /// <summary>
    /// json 1.1 services by X-Amz-Target, rest-json services by their path roots; a path no service
    /// claims (e.g. "/") falls back to the SigV4 credential scope's service name.
    /// </summary>
    public ServiceDescriptor? Resolve(string? target, string[] rawSegments, string? scopeService) =>
        services.FirstOrDefault(s => s.ClaimsTarget(target))
        ?? services.FirstOrDefault(s => s.ClaimsPath(rawSegments))
        ?? services.FirstOrDefault(s => s.SigningName == scopeService);
}
