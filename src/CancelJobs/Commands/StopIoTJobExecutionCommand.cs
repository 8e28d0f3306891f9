using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using CancelJobs.Engine.Errors;
using CancelJobs.Engine.IoT;
using CancelJobs.Engine.Model;
using CancelJobs.Engine.Validation;
using CancelJobs.Infrastructure;

namespace CancelJobs.Commands
{
    /// <summary>Cancels AWS IoT job executions (CancelJobExecution).</summary>
    [Cmdlet(VerbsLifecycle.Stop, "IoTJobExecution", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(IoTJobExecutionCancellation))]
    public sealed class StopIoTJobExecutionCommand : StopJobCmdlet<IoTJobExecutionTarget, IoTJobExecutionCancellation>
    {
        /// <summary>The thing whose execution to cancel; a thing ARN (AWS Tools' list output) is accepted too.</summary>
        [Parameter(Position = 1, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Identifier]
        [ArgumentCompleter(typeof(IdentifierCompleter))]
        [Alias("ThingArn")]
        public string ThingName { get; set; } = "";

        /// <summary>The job (position 0, as in Get-IoTJobExecution and AWS Tools' Stop-IOTJobExecution: the container before the item).</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [Identifier]
        [ArgumentCompleter(typeof(IdentifierCompleter))]
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

        /// <summary>Up to 10 name/value pairs stored on the canceled execution (a hashtable, or [ordered] to keep the order).</summary>
        [Parameter]
        [Alias("StatusDetails")]
        public IDictionary? StatusDetail { get; set; }

        protected override IJobService<IoTJobExecutionTarget, IoTJobExecutionCancellation> JobService => IoTJobExecutions.Instance;

        protected override string PrimaryIdentifier => ThingName;

        private IDictionary<string, string>? statusDetails;

        protected override void BeginProcessing()
        {
            // A command-line value: wrong for every item alike, so one terminating error before anything is sent.
            statusDetails = ToMap(StatusDetail, out var problem);
            if (problem != null)
            {
                ThrowTerminatingError(ErrorRecords.BeforeSending(problem, ErrorIds.InvalidStatusDetail, ErrorCategory.InvalidArgument, StatusDetail));
            }
            base.BeginProcessing();
        }

        protected override IoTJobExecutionTarget CreateTarget()
        {
            // A thing ARN (AWS Tools' list output, a CSV's ThingArn column) names the thing after "thing/", and its region.
            // Anything else that starts with "arn:" stays as it is, for validation to refuse.
            var isArn = IoTJobExecutions.TryParseThingArn(ThingName, out var region, out var name);
            return new IoTJobExecutionTarget(isArn ? name : ThingName, JobId)
            {
                Force = CancelInProgress.IsPresent,
                ExpectedVersion = ExpectedVersion,
                StatusDetails = statusDetails,
                ArnRegion = isArn ? region : null,
            };
        }

        protected override string? ConflictWithConnection(IoTJobExecutionTarget target, string region) =>
            IoTJobExecutions.RegionConflict(target.ArnRegion, JobService.Describe(target), region);

        protected override string ActionFor(IoTJobExecutionTarget target) =>
            target.Force ? "Cancel (-CancelInProgress: force-cancels it if IN_PROGRESS, which may leave the device unable to report)" : "Cancel";

        protected override (string Query, string Caption, string Subject, string Reason)? FurtherConfirmation(IoTJobExecutionTarget target) =>
            !target.Force ? null : (
                $"If {IdentifierText.Escape(JobService.Describe(target))} is IN_PROGRESS, canceling it may leave the device unable to report its job status. Make sure the device can recover to a valid state.",
                "Cancel an in-progress job execution?", "this execution", "force-canceling an IN_PROGRESS execution");

        /// <summary>The service refused the cancel in the execution's state (the engine read that state, when it could).</summary>
        protected override string? AdviceFor(Failure failure, IoTJobExecutionTarget target) =>
            failure.Kind != FailureKind.InvalidState || target.Force ? null
            : failure.CurrentStatus == "IN_PROGRESS" ? "Use -CancelInProgress to cancel an IN_PROGRESS execution anyway."
            : failure.CurrentStatus == null ? "If the execution is IN_PROGRESS, use -CancelInProgress to cancel it anyway."
            : null;

        /// <summary>
        /// Keys must be strings; values scalars: strings, numbers, booleans (true/false) and times (ISO 8601, UTC). PowerShell
        /// would send a nested table as "System.Collections.Hashtable" and an array as "1 2".
        /// </summary>
        private static IDictionary<string, string>? ToMap(IDictionary? table, out string? problem)
        {
            problem = null;
            if (table == null)
            {
                return null;
            }
            // A Dictionary only added to enumerates in insertion order: an [ordered] table is sent in the order it was written.
            var map = new Dictionary<string, string>();
            foreach (DictionaryEntry entry in table)
            {
                if (!IdentifierAttribute.TryText(entry.Key, out var key))
                {
                    problem = $"-StatusDetail keys must be strings; one is {IdentifierAttribute.TypeLabel(entry.Key)}. Nothing was sent.";
                    return null;
                }
                if (entry.Value == null || !TryScalarText(entry.Value, out var value))
                {
                    var type = entry.Value == null ? "null" : IdentifierAttribute.TypeLabel(entry.Value);
                    problem = $"-StatusDetail value of '{IdentifierText.Escape(key)}' is {type}; values must be strings, numbers, booleans or times. Nothing was sent.";
                    return null;
                }
                map[key] = value;
            }
            return map;
        }

        private static bool TryScalarText(object value, out string text)
        {
            switch (value is PSObject wrapped ? wrapped.BaseObject : value)
            {
                case bool flag:
                    text = flag ? "true" : "false";
                    return true;
                case DateTime time:
                    text = time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
                    return true;
                case DateTimeOffset time:
                    text = time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
                    return true;
                default:
                    return IdentifierAttribute.TryText(value, out text);
            }
        }
    }
}
