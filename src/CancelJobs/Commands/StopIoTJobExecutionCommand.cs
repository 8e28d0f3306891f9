using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using CancelJobs.Engine.Errors;
using CancelJobs.Engine.IoT;
using CancelJobs.Engine.Model;
using CancelJobs.Infrastructure;

namespace CancelJobs.Commands
{
    /// <summary>Cancels AWS IoT job executions (CancelJobExecution).</summary>
    [Cmdlet(VerbsLifecycle.Stop, "IoTJobExecution", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(IoTJobExecutionCancellation))]
    public sealed class StopIoTJobExecutionCommand : StopJobCmdlet<IoTJobExecutionTarget, IoTJobExecutionCancellation>
    {
        private bool yesToAll;
        private bool noToAll;

        /// <summary>The thing whose execution to cancel; a thing ARN (AWS Tools' list output) is accepted too.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("ThingArn")]
        [ThingNameFromArn]
        public string ThingName { get; set; } = "";

        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        public string JobId { get; set; } = "";

        /// <summary>
        /// Also cancel an IN_PROGRESS execution (the API's force). The device may then be unable to report its
        /// status, so this asks for confirmation unless -Force.
        /// </summary>
        [Parameter]
        [Alias("Enforce")]
        public SwitchParameter CancelInProgress { get; set; }

        /// <summary>Cancel only if the execution's version still matches (VersionConflict otherwise).</summary>
        [Parameter]
        public long? ExpectedVersion { get; set; }

        /// <summary>Up to 10 name/value pairs stored on the canceled execution.</summary>
        [Parameter]
        [Alias("StatusDetails")]
        public Hashtable? StatusDetail { get; set; }

        protected override IJobService<IoTJobExecutionTarget, IoTJobExecutionCancellation> JobService => IoTJobExecutions.Instance;

        protected override string PrimaryIdentifier => ThingName;

        protected override IoTJobExecutionTarget CreateTarget() => new IoTJobExecutionTarget(ThingName, JobId)
        {
            Force = CancelInProgress.IsPresent,
            ExpectedVersion = ExpectedVersion,
            StatusDetails = ToMap(StatusDetail),
        };

        protected override bool ConfirmTarget(IoTJobExecutionTarget target)
        {
            if (!target.Force || Force.IsPresent)
            {
                return true;
            }
            return ShouldContinue(
                $"If {JobService.Describe(target)} is IN_PROGRESS, canceling it may leave the device unable to report its job status. Make sure the device can recover to a valid state.",
                "Cancel an in-progress job execution?", ref yesToAll, ref noToAll);
        }

        protected override string? AdviceFor(Failure failure, IoTJobExecutionTarget target) =>
            failure.ServiceErrorCode != "InvalidStateTransitionException" || target.Force ? null
            : failure.CurrentStatus == "IN_PROGRESS" ? "Use -CancelInProgress to cancel an IN_PROGRESS execution anyway."
            : failure.CurrentStatus == null ? "If the execution is IN_PROGRESS, use -CancelInProgress to cancel it anyway."
            : null;

        private static IDictionary<string, string>? ToMap(Hashtable? table)
        {
            if (table == null)
            {
                return null;
            }
            var map = new Dictionary<string, string>();
            foreach (DictionaryEntry entry in table)
            {
                map[LanguagePrimitives.ConvertTo<string>(entry.Key)] = LanguagePrimitives.ConvertTo<string>(entry.Value);
            }
            return map;
        }
    }

    /// <summary>Turns a thing ARN (arn:aws:iot:region:account:thing/NAME) into the thing name; other values pass through.</summary>
    internal sealed class ThingNameFromArnAttribute : ArgumentTransformationAttribute
    {
        public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
        {
            var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
            return value is string text && text.StartsWith("arn:", System.StringComparison.Ordinal)
                ? IoTJobExecutions.ThingNameFromArn(text) ?? text
                : inputData;
        }
    }
}
