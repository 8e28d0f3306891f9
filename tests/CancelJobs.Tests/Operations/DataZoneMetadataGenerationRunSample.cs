using System.Collections.Generic;
using CancelJobs.Emulator;
using CancelJobs.Tests.Hosting;

namespace CancelJobs.Tests.Operations
{
    public sealed class DataZoneMetadataGenerationRunSample : OperationSample
    {
        public override string StopCmdlet => "Stop-DataZoneMetadataGenerationRun";
        public override string GetCmdlet => "Get-DataZoneMetadataGenerationRun";
        public override string CancellationType => "CancelJobs.Engine.DataZone.DataZoneMetadataGenerationRunCancellation";
        public override string RecordType => "CancelJobs.Engine.DataZone.DataZoneMetadataGenerationRun";
        public override string CancelOperation => "CancelMetadataGenerationRun";
        public override string Seed => Seeds.AllServices;
        public override string StopOne => "Stop-DataZoneMetadataGenerationRun -Identifier run-1 -DomainIdentifier dzd_sales01";
        public override string? StatusOfStopped(EmulatorState state) => state.FindDataZoneRun("dzd_sales01", "run-1")?.Status;
        public override string GetCancellable => "Get-DataZoneMetadataGenerationRun dzd_sales01 -Status IN_PROGRESS";
        public override string[] CancelledStates => new[] { "CANCELED" };
        public override IEnumerable<(string Parameter, string EngineType, string Field)> ValidateSets => new[]
        {
            ("Status", "CancelJobs.Engine.DataZone.DataZoneMetadataGenerationRuns", "Statuses"),
            ("Type", "CancelJobs.Engine.DataZone.DataZoneMetadataGenerationRuns", "RunTypes"),
        };
    }
}
