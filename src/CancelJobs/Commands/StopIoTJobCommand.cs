using System;
using System.Management.Automation;
using CancelJobs.Engine.Errors;
using CancelJobs.Engine.IoT;
using CancelJobs.Engine.Model;
using CancelJobs.Engine.Validation;
using CancelJobs.Infrastructure;

namespace CancelJobs.Commands
{
    /// <summary>
    /// Cancels whole AWS IoT jobs (CancelJob): no new executions start, and the job's QUEUED executions are cancelled
    /// (with -CancelInProgress its IN_PROGRESS ones too). ConfirmImpact High: one call stops a rollout to a whole fleet.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Stop, "IoTJob", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(IoTJobCancellation))]
    public sealed class StopIoTJobCommand : StopJobCmdlet<IoTJobTarget, IoTJobCancellation>
    {
        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Identifier]
        [ArgumentCompleter(typeof(IdentifierCompleter))]
        public string JobId { get; set; } = "";

        /// <summary>Also cancel the job's IN_PROGRESS executions (the API's force); their devices may be left unable to report.</summary>
        [Parameter]
        [Alias("Enforce")]
        public SwitchParameter CancelInProgress { get; set; }

        /// <summary>Why the job is cancelled, stored on the job (A-Z, 0-9 and _, at most 128).</summary>
        [Parameter]
        public string? ReasonCode { get; set; }

        /// <summary>Why the job is cancelled, in words, stored on the job (at most 2028 characters).</summary>
        [Parameter]
        public string? Comment { get; set; }

        protected override IJobService<IoTJobTarget, IoTJobCancellation> JobService => IoTJobs.Instance;

        protected override string PrimaryIdentifier => JobId;

        protected override IoTJobTarget CreateTarget() => new IoTJobTarget(JobId)
        {
            Force = CancelInProgress.IsPresent,
            ReasonCode = ReasonCode,
            Comment = Comment,
        };

        protected override string ActionFor(IoTJobTarget target) =>
            target.Force ? "Cancel (-CancelInProgress: also force-cancels its IN_PROGRESS executions, which may leave devices unable to report)" : "Cancel";

        protected override (string Query, string Caption, string Subject, string Reason)? FurtherConfirmation(IoTJobTarget target) =>
            !target.Force ? null : (
                $"Canceling {IdentifierText.Escape(JobService.Describe(target))} with -CancelInProgress also cancels every execution of it that devices are running now; "
                + "those devices may be left unable to report their job status. Make sure they can recover to a valid state.",
                "Cancel a job and its in-progress executions?", "this job", "force-canceling a job's IN_PROGRESS executions");
    }
}
