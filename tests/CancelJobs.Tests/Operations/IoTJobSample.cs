using System.Collections.Generic;
using CancelJobs.Emulator;
using CancelJobs.Emulator.Services.IoT;

namespace CancelJobs.Tests.Operations
{
    public sealed class IoTJobSample : OperationSample
    {
        public const string Jobs = """
            {"iotJobs":[
               {"jobId":"fw-7","status":"IN_PROGRESS","thingGroupName":"sensors"},
               {"jobId":"fw-8","status":"IN_PROGRESS","thingGroupName":"sensors","targetSelection":"CONTINUOUS"},
               {"jobId":"fw-6","status":"COMPLETED","thingGroupName":"sensors"},
               {"jobId":"fw-5","status":"CANCELED","thingGroupName":"sensors"},
               {"jobId":"fw-4","status":"DELETION_IN_PROGRESS"},
               {"jobId":"gw-2","status":"SCHEDULED","thingGroupName":"gateways"}],
             "iot":[
               {"jobId":"fw-7","thingName":"sensor-1","status":"QUEUED"},
               {"jobId":"fw-7","thingName":"sensor-2","status":"IN_PROGRESS"},
               {"jobId":"fw-7","thingName":"sensor-3","status":"SUCCEEDED"}]}
            """;

        public override string StopCmdlet => "Stop-IoTJob";
        public override string GetCmdlet => "Get-IoTJob";
        public override string ConfirmImpact => "High";
        public override string CancellationType => "CancelJobs.Engine.IoT.IoTJobCancellation";
        public override string RecordType => "CancelJobs.Engine.IoT.IoTJob";
        public override string CancelOperation => "CancelJob";
        public override string Seed => Jobs;
        public override string StopOne => "Stop-IoTJob -JobId fw-7";
        public override string? StatusOfStopped(EmulatorState state) => state.FindIoTJob("fw-7")?.Status;
        public override string GetCancellable => "Get-IoTJob -ThingGroupName sensors -Status IN_PROGRESS";
        public override string[] CancelledStates => new[] { "CANCELED" };
        public override IEnumerable<(string Script, string Service, string Operation, string Member)> ModelMembers => new[]
        {
            ("Stop-IoTJob -JobId $v -Confirm:$false @aws", "iot", "CancelJob", "jobId"),
            ("Stop-IoTJob -JobId job-1 -ReasonCode $v -Confirm:$false @aws", "iot", "CancelJob", "reasonCode"),
            ("Stop-IoTJob -JobId job-1 -Comment $v -Confirm:$false @aws", "iot", "CancelJob", "comment"),
            ("Get-IoTJob -JobId $v @aws", "iot", "DescribeJob", "jobId"),
            ("Get-IoTJob -ThingGroupName $v @aws", "iot", "ListJobs", "thingGroupName"),
            ("Get-IoTJob -ThingGroupId $v @aws", "iot", "ListJobs", "thingGroupId"),
        };

        public override IEnumerable<(string Service, string Operation)> ModelOperations => new[] { ("iot", "CancelJob"), ("iot", "DescribeJob"), ("iot", "ListJobs") };

        public override IEnumerable<(string Parameter, string Service, string Operation, string Member)> ModelEnums => new[]
        {
            ("Status", "iot", "ListJobs", "status"),
            ("TargetSelection", "iot", "ListJobs", "targetSelection"),
        };

        public override string FinishedId => "fw-6";

        public override IEnumerable<(string Parameter, string EngineType, string Field)> ValidateSets => new[]
        {
            ("Status", "CancelJobs.Engine.IoT.IoTJobs", "Statuses"),
            ("TargetSelection", "CancelJobs.Engine.IoT.IoTJobs", "TargetSelections"),
        };
    }
}
