using CancelJobs.Emulator;
using CancelJobs.Tests.Hosting;

namespace CancelJobs.Tests.Operations
{
    public sealed class TwinMakerTransferJobSample : OperationSample
    {
        public override string StopCmdlet => "Stop-TwinMakerTransferJob";
        public override string GetCmdlet => "Get-TwinMakerTransferJob";
        public override string CancellationType => "CancelJobs.Engine.TwinMaker.TwinMakerTransferJobCancellation";
        public override string RecordType => "CancelJobs.Engine.TwinMaker.TwinMakerTransferJob";
        public override string CancelOperation => "CancelMetadataTransferJob";
        public override string Seed => Seeds.AllServices;
        public override string StopOne => "Stop-TwinMakerTransferJob -MetadataTransferJobId tm-run-1";
        public override string? StatusOfStopped(EmulatorState state) => state.FindTwinMakerJob("tm-run-1")?.State;
        public override string GetCancellable => "Get-TwinMakerTransferJob -SourceType s3 -DestinationType iottwinmaker -State RUNNING";
        public override string[] CancelledStates => new[] { "CANCELLING", "CANCELLED" };
        public override System.Collections.Generic.IEnumerable<(string Parameter, string EngineType, string Field)> ValidateSets => new[]
        {
            ("State", "CancelJobs.Engine.TwinMaker.TwinMakerTransferJobs", "States"),
            ("SourceType", "CancelJobs.Engine.TwinMaker.TwinMakerTransferJobs", "SourceAndDestinationTypes"),
            ("DestinationType", "CancelJobs.Engine.TwinMaker.TwinMakerTransferJobs", "SourceAndDestinationTypes"),
        };
    }
}
