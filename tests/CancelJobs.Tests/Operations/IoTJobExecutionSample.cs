using System.Collections.Generic;
using CancelJobs.Emulator;
using CancelJobs.Tests.Hosting;

namespace CancelJobs.Tests.Operations
{
    public sealed class IoTJobExecutionSample : OperationSample
    {
        public override string StopCmdlet => "Stop-IoTJobExecution";
        public override string GetCmdlet => "Get-IoTJobExecution";
        public override string CancellationType => "CancelJobs.Engine.IoT.IoTJobExecutionCancellation";
        public override string RecordType => "CancelJobs.Engine.IoT.IoTJobExecution";
        public override string CancelOperation => "CancelJobExecution";
        public override string Seed => Seeds.AllServices;
        public override string StopOne => "Stop-IoTJobExecution -ThingName sensor-1 -JobId fw-7";
        public override string? StatusOfStopped(EmulatorState state) => state.FindIoTExecution("fw-7", "sensor-1")?.Status;
        public override string GetCancellable => "Get-IoTJobExecution -JobId fw-7 -Status QUEUED";
        public override string[] CancelledStates => new[] { "CANCELED" };
        public override IEnumerable<(string Parameter, string EngineType, string Field)> ValidateSets => new[]
        {
            ("Status", "CancelJobs.Engine.IoT.IoTJobExecutions", "Statuses"),
        };
    }
}
