using System.Collections.Generic;
using CancelJobs.Emulator;
using CancelJobs.Tests.Hosting;

namespace CancelJobs.Tests.Operations
{
    public sealed class DmsMetadataModelConversionSample : OperationSample
    {
        public override string StopCmdlet => "Stop-DmsMetadataModelConversion";
        public override string GetCmdlet => "Get-DmsMetadataModelConversion";
        public override string CancellationType => "CancelJobs.Engine.Dms.DmsMetadataModelConversionCancellation";
        public override string RecordType => "CancelJobs.Engine.Dms.DmsMetadataModelConversion";
        public override string CancelOperation => "CancelMetadataModelConversion";
        public override string Seed => Seeds.AllServices;
        public override string StopOne => "Stop-DmsMetadataModelConversion -RequestIdentifier req-1 -MigrationProjectIdentifier legacy-oracle";
        public override string? StatusOfStopped(EmulatorState state) => state.FindDmsConversion("legacy-oracle", "req-1")?.Status;
        public override string GetCancellable => "Get-DmsMetadataModelConversion -MigrationProjectIdentifier legacy-oracle -Status IN_PROGRESS";
        public override string[] CancelledStates => new[] { "CANCELING", "CANCELED" };
        public override IEnumerable<(string Parameter, string EngineType, string Field)> ValidateSets => new[]
        {
            ("Status", "CancelJobs.Engine.Dms.DmsMetadataModelConversions", "Statuses"),
        };
    }
}
