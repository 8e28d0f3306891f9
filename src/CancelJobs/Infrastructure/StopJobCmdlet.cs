using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using CancelJobs.Engine.Aws;
using CancelJobs.Engine.Bulk;
using CancelJobs.Engine.Connection;
using CancelJobs.Engine.Errors;
using CancelJobs.Engine.Model;
using CancelJobs.Engine.Validation;

namespace CancelJobs.Infrastructure
{
    /// <summary>
    /// The one Stop-* pipeline, per item: bind (<see cref="PipedInput"/>), validate, route to a region
    /// (<see cref="ItemRegion"/>), confirm (<see cref="StopConfirmation"/>) on the pipeline thread; submit to the bulk
    /// executor, which sends concurrently; write each outcome in input order as soon as it is ready
    /// (<see cref="StopOutcomeWriter{TTarget, TCancellation}"/>, with <see cref="StopProgress"/>). Each command only binds
    /// its parameters into a target and names its service.
    /// </summary>
    public abstract class StopJobCmdlet<TTarget, TCancellation> : AwsCmdlet, IStopCommand, IConfirmationHost, IStopOutput<TTarget>
        where TCancellation : JobCancellation
    {
        private OrderedBulkExecutor<StopItem<TTarget, TCancellation>, TCancellation>? executor;
        private StopProgress? progress;
        private StopOutcomeWriter<TTarget, TCancellation>? outcomes;
        private StopConfirmation? confirmation;
        private WaitPolicy? wait;
        private HashSet<string>? givenOnCommandLine;
        private StopCommandShape? shape;
        private string commandPrefix = "";

        /// <summary>Set while PlaceFor and ClientFor run, so an unusable carried connection is refused in input order like any other item.</summary>
        private string? rejectedDescription;

        /// <summary>Suppresses confirmation prompts. It never overrides -WhatIf and never changes what is sent.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>How many cancel requests may be in flight at once in each region (1 = one after another; the default under -ErrorAction Stop).</summary>
        [Parameter]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; } = 4;

        /// <summary>Seconds one item may keep being throttled by the service before it fails as Throttled.</summary>
        [Parameter]
        [ValidateRange(1, 86400)]
        public int ThrottleTimeout { get; set; } = (int)ResendPolicy.DefaultThrottleTimeout.TotalSeconds;

        /// <summary>A client-side cap on request starts per second, to stay under a service quota.</summary>
        [Parameter]
        [ValidateRange(0.1, 100000.0)]
        public double MaxRequestsPerSecond { get; set; }

        /// <summary>Poll until each job reaches a terminal state and emit that state.</summary>
        [Parameter]
        public SwitchParameter Wait { get; set; }

        /// <summary>With -Wait: seconds to wait for each job before reporting a WaitTimeout error.</summary>
        [Parameter]
        [ValidateRange(1, 86400)]
        public int Timeout { get; set; } = 300;

        protected abstract IJobService<TTarget, TCancellation> JobService { get; }

        string IStopCommand.ServiceName => JobService.Service.Name;

        bool IStopCommand.StillCancellable(string status) => !JobService.IsTerminal(status) && !JobService.CancelledStates.Contains(status);

        /// <summary>The target built from the parameters bound for the current pipeline item.</summary>
        protected abstract TTarget CreateTarget();

        /// <summary>The value of the parameter that takes pipeline input by value: an error's TargetObject when nothing was piped.</summary>
        protected abstract string PrimaryIdentifier { get; }

        /// <summary>
        /// A further question some targets need (IoT -CancelInProgress), or null: its query and caption, and what the
        /// target is called in the error when nobody can answer ("this job").
        /// </summary>
        protected virtual (string Query, string Caption, string Subject, string Reason)? FurtherConfirmation(TTarget target) => null;

        /// <summary>A sentence to add to a failure's message for this command, or null.</summary>
        protected virtual string? AdviceFor(Failure failure, TTarget target) => null;

        /// <summary>
        /// Why the target must not be sent to the connection's <paramref name="region"/> (a thing ARN of another region),
        /// or null to send.
        /// </summary>
        protected virtual string? ConflictWithConnection(TTarget target, string region) => null;

        /// <summary>The operation ShouldProcess names (What if: Performing the operation "…").</summary>
        protected virtual string ActionFor(TTarget target) => "Cancel";

        /// <summary>-ThrottleTimeout, and -MaxRequestsPerSecond's ceiling before each resend: fixed for the command's clients when built.</summary>
        protected override ResendPolicy Resend => new ResendPolicy(TimeSpan.FromSeconds(ThrottleTimeout), executor!.WaitForRateAsync);

        protected override void BeginProcessing()
        {
            if (MyInvocation.BoundParameters.ContainsKey(nameof(Timeout)) && !Wait.IsPresent)
            {
                // -Timeout only bounds -Wait's polling: alone it would be silently ignored.
                ThrowTerminatingError(ErrorRecords.BeforeSending(
                    "-Timeout is how long -Wait waits for each job; it does nothing without -Wait. Add -Wait, or leave -Timeout out. Nothing was sent.",
                    ErrorIds.TimeoutWithoutWait, ErrorCategory.InvalidArgument, null));
            }
            base.BeginProcessing();
            // Only parameters given on the command line are bound here; later ones come from the pipeline.
            givenOnCommandLine = new HashSet<string>(MyInvocation.BoundParameters.Keys, StringComparer.OrdinalIgnoreCase);
            shape = StopCommandShape.For(GetType());
            commandPrefix = PipedInput.PrefixOf(shape, MyInvocation.MyCommand.Name);
            // Under -ErrorAction Stop nothing may be sent after the first failure: one at a time, unless asked otherwise.
            var stopOnError = ErrorActionIsStop;
            var limit = stopOnError && !MyInvocation.BoundParameters.ContainsKey(nameof(ThrottleLimit)) ? 1 : ThrottleLimit;
            executor = new OrderedBulkExecutor<StopItem<TTarget, TCancellation>, TCancellation>(
                limit, MyInvocation.BoundParameters.ContainsKey(nameof(MaxRequestsPerSecond)) ? MaxRequestsPerSecond : (double?)null, StoppingToken)
            {
                HaltOnFailure = stopOnError,
            };
            progress = new StopProgress(MyInvocation.MyCommand.Name, Math.Abs(GetHashCode() % 100000) + 1, Wait.IsPresent, WriteProgress, WriteVerbose);
            outcomes = new StopOutcomeWriter<TTarget, TCancellation>(executor, progress, this);
            var ownImpact = GetType().GetCustomAttributes(typeof(CmdletAttribute), false).OfType<CmdletAttribute>().FirstOrDefault()?.ConfirmImpact ?? ConfirmImpact.Medium;
            confirmation = new StopConfirmation(this, MyInvocation.MyCommand.Name, ownImpact);
            // Polls at most 2 s apart, so a job's terminal state shows within about 2 s of happening.
            wait = Wait.IsPresent ? new WaitPolicy(TimeSpan.FromSeconds(Timeout), TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(2)) : null;
        }

        protected override void ProcessRecord()
        {
            if (executor!.HaltedBy != null)
            {
                // -ErrorAction Stop and an earlier item failed: write what came before it, then its terminating error.
                outcomes!.DrainAll();
            }
            var unusable = PipedInput.Bind(shape!, this, InputObject, givenOnCommandLine!, commandPrefix);
            if (unusable != null)
            {
                var piped = InputObjectAsPiped ?? PrimaryIdentifier;
                Reject(ErrorRecords.BeforeSending(unusable.Message, unusable.ErrorId, ErrorCategory.InvalidArgument, piped), "input " + IdentifierText.Escape(piped?.ToString() ?? ""));
                return;
            }
            var target = CreateTarget();
            object input = InputObjectAsPiped ?? PrimaryIdentifier;
            var description = IdentifierText.Escape(JobService.Describe(target));

            var problems = JobService.Validate(target);
            if (problems.Count > 0)
            {
                Reject(ErrorRecords.From(Failure.InvalidIdentifier($"Nothing was sent for {description}: {string.Join(" ", problems)}"), input), description);
                return;
            }
            string? itemRegion = null;
            if (RegionsAsked.Count > 1 && ItemRegion.OfSeveral(InputObject, RegionsAsked, description, out itemRegion) is { } refusal)
            {
                Reject(ErrorRecords.BeforeSending(refusal.Message, refusal.ErrorId, ErrorCategory.InvalidArgument, input), description);
                return;
            }
            if (RegionsAsked.Count == 1 && ItemRegion.ReadElsewhere(InputObject, RegionsAsked[0], description) is { } elsewhere)
            {
                Reject(ErrorRecords.From(Failure.RegionMismatch(elsewhere), input), description);
                return;
            }
            // Region and endpoint first, resolved locally: -WhatIf refuses what the run would refuse (no region, a thing
            // ARN of another region) and -Verbose says where they came from, without signing in or calling the service.
            rejectedDescription = description;
            var place = PlaceFor(JobService.Service, input, out _, itemRegion);
            rejectedDescription = null;
            if (place == null)
            {
                return;
            }
            if (ConflictWithConnection(target, place.Region) is { } conflict)
            {
                Reject(ErrorRecords.From(Failure.RegionMismatch(conflict), input), description);
                return;
            }
            MyInvocation.BoundParameters.TryGetValue("Confirm", out var confirmGiven);
            if (!confirmation!.Approve(description, ActionFor(target), Force.IsPresent, WhatIfInEffect, confirmGiven, GetVariableValue("ConfirmPreference"))
                || !confirmation.ConfirmTarget(target, FurtherConfirmation(target), Force.IsPresent))
            {
                return;
            }

            rejectedDescription = description;
            var client = ClientFor(JobService.Service, input, out var connection, itemRegion);
            rejectedDescription = null;
            if (client == null)
            {
                return;
            }
            // One of several -Region values: a region that refuses the credentials ends only its own part of the run (the
            // worker refuses the item without sending when its region already refused another's, see SendAsync).
            Submit(new StopItem<TTarget, TCancellation>(target, input, description, connection) { Client = client, OwnRegion = itemRegion != null });
        }

        /// <summary>Sends an approved item (after the oldest outcome, when the executor is full), then writes what is ready.</summary>
        private void Submit(StopItem<TTarget, TCancellation> item)
        {
            var client = item.Client!;
            progress!.Sending(client);
            var running = executor!;
            outcomes!.MakeRoom();
            var policy = wait;
            running.Submit(item, token => SendAsync(item, token),
                policy == null ? null : (result, token) => JobCanceller.WaitForTerminalAsync(JobService, client, item.Target, result, policy, token, item.Requests.Add, running.WaitForRateAsync,
                    status => NotePoll(item, status)),
                lane: client.Region);
            outcomes.WriteReady();
            progress.Report(running, force: false);
        }

        /// <summary>Worker side: the cancel itself, then the result marked with where it was sent.</summary>
        private async Task<TCancellation> SendAsync(StopItem<TTarget, TCancellation> item, CancellationToken token)
        {
            TCancellation result;
            if (item.OwnRegion && outcomes!.RefusedBefore(item.Client!.Region, item.Description) is { } refused)
            {
                // Its region refused another item's credentials (before or after this one was queued): it would be refused
                // the same way. Not sent.
                var record = ErrorRecords.From(refused, item.Input);
                item.Rejection = record;
                throw new RejectedBeforeSendingException(record);
            }
            try
            {
                result = await JobCanceller.CancelAsync(JobService, item.Client!, item.Target, token, item.Requests.Add).ConfigureAwait(false);
            }
            catch (Exception error)
            {
                outcomes!.NoteFailure(item, error);
                throw;
            }
            finally
            {
                // Same flow that added the requests, so the list is safe to read here.
                outcomes!.NoteAnswered(item);
            }
            result.Connection = item.Connection;
            result.Region = item.Client!.Region;
            item.Accepted = result;
            if (wait != null)
            {
                NotePoll(item, result.Status);
            }
            return result;
        }

        /// <summary>Worker side of -Wait: remember what the latest poll saw, for progress and a verbose line per poll.</summary>
        private void NotePoll(StopItem<TTarget, TCancellation> item, string? status)
        {
            var polls = Interlocked.Increment(ref item.Polls);
            item.LastStatus = status;
            progress!.NotePoll(StopProgress.PollNote(item.Description, polls, status, status != null && JobService.IsTerminal(status)));
        }

        /// <summary>
        /// An item refused before anything was sent for it: its error takes its place in input order, after the outcomes
        /// of earlier items still in flight. Under -ErrorAction Stop it halts the run, and the outcomes before it are
        /// written (or reported) before its error ends the command.
        /// </summary>
        private void Reject(ErrorRecord record, string description)
        {
            outcomes!.MakeRoom();
            var running = executor!;
            running.SubmitRejected(StopItem<TTarget, TCancellation>.Rejected(record, description), new RejectedBeforeSendingException(record));
            if (running.HaltOnFailure)
            {
                outcomes.DrainAll();
            }
            else
            {
                outcomes.WriteReady();
            }
        }

        protected override void WriteItemError(ErrorRecord record)
        {
            if (executor == null || rejectedDescription == null)
            {
                base.WriteItemError(record);
                return;
            }
            Reject(record, rejectedDescription);
        }

        /// <summary>
        /// What was piped, for TargetObject: the plain value for a string or number, but the PSObject itself for a
        /// [pscustomobject] row (Import-Csv, ConvertFrom-Json), whose BaseObject alone has no properties.
        /// </summary>
        private object? InputObjectAsPiped =>
            InputObject == null ? null : InputObject.BaseObject is PSCustomObject ? InputObject : InputObject.BaseObject;

        protected override void EndProcessing()
        {
            outcomes!.DrainAll();
            progress!.Complete(executor!);
        }

        /// <summary>Ctrl+C (another thread): only cancels. The pipeline thread writes the report (<see cref="StopOutcomeWriter{TTarget, TCancellation}.StopAndReport"/>).</summary>
        protected override void StopProcessing()
        {
            base.StopProcessing();
            executor?.Cancel();
        }

        /// <summary>A terminating connection error is about to end the command: report what was already sent.</summary>
        protected override void BeforeTerminating() => outcomes?.StopAndReport();

        private bool ErrorActionIsStop =>
            MyInvocation.BoundParameters.TryGetValue("ErrorAction", out var given)
                ? given is ActionPreference action && action == ActionPreference.Stop
                : GetVariableValue("ErrorActionPreference") is ActionPreference preference && preference == ActionPreference.Stop;

        protected override void Dispose(bool disposing)
        {
            if (disposing && executor != null)
            {
                // Whatever ended the run with outcomes unwritten (Ctrl+C while the pipeline thread was elsewhere, a
                // terminating error upstream or in a prompt, a downstream command that stopped): this is our last turn on
                // the pipeline thread, so report here what was sent and never written.
                if (outcomes!.HasUnwritten)
                {
                    outcomes.StopAndReport();
                }
                executor.Dispose();
            }
            base.Dispose(disposing);
        }

        // What the outcome writer needs from this cmdlet: the streams (verbose and debug through AwsCmdlet's redaction).
        string IStopOutput<TTarget>.CommandName => MyInvocation.MyCommand.Name;
        CancellationToken IStopOutput<TTarget>.Stopping => StoppingToken;
        bool IStopOutput<TTarget>.EndpointUrlGiven => MyInvocation.BoundParameters.ContainsKey(nameof(EndpointUrl));
        int IStopOutput<TTarget>.RegionsAsked => RegionsAsked.Count;
        void IStopOutput<TTarget>.WriteResult(object result) => WriteObject(result);
        void IStopOutput<TTarget>.WriteItemFailure(ErrorRecord record) => WriteError(record);
        void IStopOutput<TTarget>.WriteVerboseLine(string text) => WriteVerbose(text);
        void IStopOutput<TTarget>.WriteFailureDetail(Failure failure) => WriteDetail(failure);
        void IStopOutput<TTarget>.Terminate(ErrorRecord record) => ThrowTerminatingError(record);
        void IStopOutput<TTarget>.WarnThroughHost(string text) => Host.UI.WriteWarningLine(text);
        string? IStopOutput<TTarget>.AdviceFor(Failure failure, TTarget target) => AdviceFor(failure, target);
    }
}
