using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
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
    /// The one Stop-* pipeline: validate and confirm on the pipeline thread, send concurrently through the bulk
    /// executor, write each outcome in input order as soon as it is ready. Each command only binds its parameters
    /// into a target and names its service.
    /// </summary>
    public abstract class StopJobCmdlet<TTarget, TCancellation> : AwsCmdlet, IStopCommand where TCancellation : JobCancellation
    {
        /// <summary>Above this many items a progress bar is shown.</summary>
        private const int ProgressThreshold = 5;
        private static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(250);

        /// <summary>Progress says the service is throttling while its last throttle is at most this recent.</summary>
        private const double ThrottlingShownSeconds = 30;

        private readonly Stopwatch clock = Stopwatch.StartNew();
        private OrderedBulkExecutor<Submitted, TCancellation>? executor;
        private WaitPolicy? wait;
        private TimeSpan? lastProgress;
        private int progressActivityId;
        private bool progressShown;
        private AwsServiceClient? progressClient;
        /// <summary>Which taken outcomes the report of unwritten items must still name.</summary>
        private readonly UnwrittenLedger<BulkOutcome<Submitted, TCancellation>> unwritten = new UnwrittenLedger<BulkOutcome<Submitted, TCancellation>>();
        private HashSet<string>? givenOnCommandLine;
        private readonly ConcurrentQueue<string> pollNotes = new ConcurrentQueue<string>();
        private volatile string? latestPoll;
        private StopCommandShape? shape;
        private string commandPrefix = "";

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
            executor = new OrderedBulkExecutor<Submitted, TCancellation>(
                limit, MyInvocation.BoundParameters.ContainsKey(nameof(MaxRequestsPerSecond)) ? MaxRequestsPerSecond : (double?)null, StoppingToken)
            {
                HaltOnFailure = stopOnError,
            };
            progressActivityId = Math.Abs(GetHashCode() % 100000) + 1;
            // Polls at most 2 s apart, so a job's terminal state shows within about 2 s of happening.
            wait = Wait.IsPresent ? new WaitPolicy(TimeSpan.FromSeconds(Timeout), TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(2)) : null;
        }

        protected override void ProcessRecord()
        {
            if (executor!.HaltedBy != null)
            {
                // -ErrorAction Stop and an earlier item failed: write what came before it, then its terminating error.
                DrainAll();
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
            if (RegionsAsked.Count > 1 && RegionOfItem(description, out itemRegion) is { } refusal)
            {
                Reject(ErrorRecords.BeforeSending(refusal.Message, refusal.ErrorId, ErrorCategory.InvalidArgument, input), description);
                return;
            }
            if (RegionsAsked.Count == 1 && ReadInOtherRegion(description) is { } elsewhere)
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
            if (!Approve(description, ActionFor(target)) || !ConfirmTarget(target))
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
            progressClient = client;
            var running = executor!;
            MakeRoom();

            var item = new Submitted(target, input, description, connection) { Client = client };
            var policy = wait;
            running.Submit(item, token => SendAsync(client, item, token),
                policy == null ? null : (result, token) => JobCanceller.WaitForTerminalAsync(JobService, client, item.Target, result, policy, token, item.Requests.Add, running.WaitForRateAsync,
                    status => NotePoll(item, status)),
                lane: client.Region);
            WriteReadyOutcomes();
            ReportProgress(force: false);
        }

        /// <summary>
        /// With several -Region values, the one this item goes to: the region a Get-* object was read in, or a row's Region
        /// column (Export-Csv of Get-* output). Anything else could be in any of them: AmbiguousRegion, nothing sent.
        /// </summary>
        private (string Message, string ErrorId)? RegionOfItem(string description, out string? region)
        {
            var regions = RegionsAsked;
            var piped = InputObject?.BaseObject;
            region = piped is JobRecord record ? RegionReadIn(record)
                : piped is System.Collections.IDictionary table ? table["Region"] as string
                : InputObject?.Properties["Region"]?.Value as string;
            var named = string.Join(", ", regions);
            if (string.IsNullOrEmpty(region))
            {
                region = null;
                return ($"-Region names {regions.Count} regions ({named}) and {description} does not say which one it is in, so it was not sent to any. "
                    + "Pipe the Get-* output (each object carries its Region), rows with a Region column, or give one -Region.", ErrorIds.AmbiguousRegion);
            }
            if (!regions.Contains(region!))
            {
                var found = region;
                region = null;
                return ($"{FailureClassifier.Capitalize(description)} is in {IdentifierText.Escape(found!)}, which is not one of the -Region values ({named}); it was not sent.", ErrorIds.RegionMismatch);
            }
            return null;
        }

        /// <summary>The region a record of this module was read in: the one its request was signed for.</summary>
        private static string? RegionReadIn(JobRecord record) => record.Region ?? record.Connection?.Region;

        /// <summary>
        /// One -Region and a record this module read in another region: the same id there is another job (a rollout's job
        /// id is the same in every region), so sending it to -Region would cancel what the list never showed. Null to send.
        /// </summary>
        private string? ReadInOtherRegion(string description)
        {
            if (!(InputObject?.BaseObject is JobRecord record) || RegionReadIn(record) is not { Length: > 0 } readIn
                || string.Equals(readIn, RegionsAsked[0], StringComparison.Ordinal))
            {
                return null;
            }
            return $"{FailureClassifier.Capitalize(description)} was read in {IdentifierText.Escape(readIn)}, and -Region names {IdentifierText.Escape(RegionsAsked[0])}, "
                + "where the same id may be another job; it was not sent. Leave -Region out to cancel it where it was read, or pipe its identifiers as strings.";
        }

        /// <summary>Takes outcomes until the executor has room for one more item.</summary>
        private void MakeRoom()
        {
            var running = executor!;
            while (running.IsFull)
            {
                WriteOutcome(running.TakeNext(ProgressInterval));
                ReportProgress(force: false);
            }
        }

        /// <summary>Writes every outcome still to come, in input order.</summary>
        private void DrainAll()
        {
            var running = executor!;
            while (running.Pending > 0)
            {
                WriteOutcome(running.TakeNext(ProgressInterval));
                ReportProgress(force: false);
            }
        }

        /// <summary>
        /// An item refused before anything was sent for it: its error takes its place in input order, after the outcomes
        /// of earlier items still in flight. Under -ErrorAction Stop it halts the run, and the outcomes before it are
        /// written (or reported) before its error ends the command.
        /// </summary>
        private void Reject(ErrorRecord record, string description)
        {
            MakeRoom();
            var running = executor!;
            running.SubmitRejected(Submitted.Rejected(record, description), new RejectedBeforeSendingException(record));
            if (running.HaltOnFailure)
            {
                DrainAll();
            }
            else
            {
                WriteReadyOutcomes();
            }
        }

        /// <summary>Set while ClientFor runs, so an unusable carried connection is refused in input order like any other item.</summary>
        private string? rejectedDescription;

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
            DrainAll();
            CompleteProgress();
        }

        /// <summary>Ctrl+C (another thread): only cancels. The pipeline thread writes the report (see <see cref="StopAndReportSent"/>).</summary>
        protected override void StopProcessing()
        {
            base.StopProcessing();
            executor?.Cancel();
        }

        /// <summary>A terminating connection error is about to end the command: report what was already sent.</summary>
        protected override void BeforeTerminating()
        {
            if (executor != null)
            {
                StopAndReportSent();
            }
        }

        private bool ErrorActionIsStop =>
            MyInvocation.BoundParameters.TryGetValue("ErrorAction", out var given)
                ? given is ActionPreference action && action == ActionPreference.Stop
                : GetVariableValue("ErrorActionPreference") is ActionPreference preference && preference == ActionPreference.Stop;

        /// <summary>
        /// The run ended (Ctrl+C, -ErrorAction Stop, a terminating error, a downstream command that stopped) before these
        /// outcomes were written. Say what became of each (<see cref="UnwrittenReport"/>), through the host, so nobody has
        /// to guess what was canceled.
        /// </summary>
        private void ReportUnwritten(IReadOnlyList<BulkOutcome<Submitted, TCancellation>> outcomes)
        {
            var lines = UnwrittenReport.Lines(MyInvocation.MyCommand.Name, outcomes.Select(FactsOf).ToList(), unreachableEndpoint);
            if (lines.Count == 0)
            {
                return;
            }
            try
            {
                // Straight to the host (the pipeline may be stopping), so masked here as WriteWarning would mask it.
                Host.UI.WriteWarningLine(Secrets.Redact(ParameterNames.Fill(string.Join(Environment.NewLine, lines))));
            }
            catch (Exception)
            {
                // A host that cannot write now (it is tearing down) must not turn a stop into a crash.
            }
        }

        private static UnwrittenItem FactsOf(BulkOutcome<Submitted, TCancellation> outcome)
        {
            var item = outcome.Item;
            return new UnwrittenItem(item.Description)
            {
                RejectedErrorId = item.Rejection == null ? null : item.Rejection.FullyQualifiedErrorId.Split(',')[0],
                AcceptedStatus = item.Accepted is { } accepted ? item.LastStatus ?? accepted.Status : null,
                Started = outcome.Started,
                Completed = outcome.Completed,
                Succeeded = outcome.Succeeded,
                ResultStatus = outcome.Result?.Status,
                Error = outcome.Error,
                Requests = item.Requests,
            };
        }

        /// <summary>
        /// EndpointUnreachable, when every attempt of this item's cancel failed to reach the endpoint (the name did not
        /// resolve, the connection was refused, TLS failed); null otherwise.
        /// </summary>
        private Failure? Unreachable(Submitted item, Failure failure)
        {
            var cancel = item.Requests.Count > 0 ? item.Requests[0] : null;
            if (failure.Kind != FailureKind.ConnectionFailed || cancel == null || cancel.Attempts == 0 || cancel.UnconnectedAttempts < cancel.Attempts
                || item.Client == null)
            {
                return null;
            }
            var reason = FailureClassifier.NeverConnected(failure.Exception ?? new Exception()) ?? "no connection could be made";
            var explicitUrl = MyInvocation.BoundParameters.ContainsKey(nameof(EndpointUrl));
            return EndpointReach.Unreachable(item.Client, cancel, reason, explicitUrl, !explicitUrl && item.Connection?.EndpointUrl != null, failure.Exception);
        }

        /// <summary>Set once any request of this command got an answer: from then on an unreachable endpoint is a per-item failure.</summary>
        private bool endpointAnswered;

        /// <summary>
        /// Set by the workers when an item's cancel got any answer, written or not yet: an item still waiting for its turn
        /// in the output (behind one that never connected) is an answer of this command too.
        /// </summary>
        private int answeredOnTheWire;

        /// <summary>host:port of the endpoint the command stops on with EndpointUnreachable: no request of it reached it.</summary>
        private string? unreachableEndpoint;

        protected override void Dispose(bool disposing)
        {
            if (disposing && executor != null)
            {
                // Whatever ended the run with outcomes unwritten (Ctrl+C while the pipeline thread was elsewhere, a
                // terminating error upstream or in a prompt, a downstream command that stopped): this is our last turn on
                // the pipeline thread, so report here what was sent and never written.
                if (executor.Pending > 0 || unwritten.BeingWritten != null)
                {
                    StopAndReportSent();
                }
                executor.Dispose();
            }
            base.Dispose(disposing);
        }

        /// <summary>
        /// ShouldProcess, except that -Force skips the prompt $ConfirmPreference would raise. -WhatIf (given or
        /// inherited) always goes through ShouldProcess, so it always wins; an explicit -Confirm still prompts.
        /// </summary>
        private bool Approve(string description, string action)
        {
            ApprovedAtPrompt = false;
            if (Force.IsPresent && !ConfirmGivenExplicitly && !WhatIfInEffect)
            {
                return true;
            }
            bool approved;
            try
            {
                approved = ShouldProcess(description, action);
            }
            catch (Exception cannotPrompt) when (HostCannotPrompt(cannotPrompt))
            {
                // A runbook (pwsh -NonInteractive) where $ConfirmPreference or -Confirm asks: say what to do instead of
                // the host's generic "NonInteractive mode" error.
                ThrowTerminatingError(ErrorRecords.BeforeSending(
                    $"{MyInvocation.MyCommand.Name} asks for confirmation before canceling {description}, and this session cannot prompt. "
                    + "Add -Force (or -Confirm:$false) to confirm without a prompt. Nothing was sent for it.",
                    ErrorIds.ConfirmationRequired, ErrorCategory.InvalidOperation, description, cannotPrompt));
                throw;
            }
            ApprovedAtPrompt = approved && ConfirmPromptsThisItem;
            return approved;
        }

        /// <summary>
        /// The target's further question (<see cref="FurtherConfirmation"/>), unless -Force, or the item was just approved at
        /// the confirmation prompt, whose action already names the risk: one prompt per item.
        /// </summary>
        private bool ConfirmTarget(TTarget target)
        {
            var question = FurtherConfirmation(target);
            if (question == null || Force.IsPresent || ApprovedAtPrompt)
            {
                return true;
            }
            try
            {
                return ShouldContinue(question.Value.Query, question.Value.Caption, ref yesToAll, ref noToAll);
            }
            catch (Exception cannotPrompt) when (HostCannotPrompt(cannotPrompt))
            {
                // A runbook or `pwsh -NonInteractive` cannot answer; say what to do instead of the host's generic error.
                ThrowTerminatingError(ErrorRecords.BeforeSending(
                    $"-CancelInProgress asks for confirmation before {question.Value.Reason}, and this session cannot prompt. "
                    + $"Add -Force to confirm without a prompt. Nothing was sent for {question.Value.Subject}.",
                    ErrorIds.ConfirmationRequired, ErrorCategory.InvalidOperation, target, cannotPrompt));
                throw;
            }
        }

        // Yes to All / No to All at the further question, for the rest of the command.
        private bool yesToAll;
        private bool noToAll;

        /// <summary>
        /// True when the item was just approved at ShouldProcess's prompt (-Confirm, or $ConfirmPreference at Medium or
        /// below), which showed <see cref="ActionFor"/>: a further question about the same item would ask twice.
        /// </summary>
        private bool ApprovedAtPrompt { get; set; }

        // ShouldProcess prompts when $ConfirmPreference is at or below the command's own ConfirmImpact (Medium for most,
        // High for Stop-IoTJob), so the default preference prompts a High command too.
        private bool ConfirmPromptsThisItem =>
            !WhatIfInEffect && (MyInvocation.BoundParameters.TryGetValue("Confirm", out var confirm)
                ? ((SwitchParameter)confirm).IsPresent
                : GetVariableValue("ConfirmPreference") is var preference && LanguagePrimitives.TryConvertTo<ConfirmImpact>(preference, out var level)
                    && level != ConfirmImpact.None && level <= OwnConfirmImpact);

        private ConfirmImpact OwnConfirmImpact =>
            GetType().GetCustomAttributes(typeof(CmdletAttribute), false).OfType<CmdletAttribute>().FirstOrDefault()?.ConfirmImpact ?? ConfirmImpact.Medium;

        private async Task<TCancellation> SendAsync(AwsServiceClient client, Submitted item, CancellationToken token)
        {
            TCancellation result;
            try
            {
                result = await JobCanceller.CancelAsync(JobService, client, item.Target, token, item.Requests.Add).ConfigureAwait(false);
            }
            finally
            {
                // Same flow that added the requests, so the list is safe to read here.
                if (item.Requests.Any(request => request.AnsweredAttempts > 0))
                {
                    Interlocked.Exchange(ref answeredOnTheWire, 1);
                }
            }
            result.Connection = item.Connection;
            result.Region = client.Region;
            item.Accepted = result;
            if (wait != null)
            {
                NotePoll(item, result.Status);
            }
            return result;
        }

        private void WriteReadyOutcomes()
        {
            foreach (var outcome in executor!.TakeReady())
            {
                WriteOutcome(outcome);
            }
        }

        private void WriteOutcome(BulkOutcome<Submitted, TCancellation>? outcome)
        {
            if (outcome == null)
            {
                return;
            }
            unwritten.Taking(outcome);
            // What the polls saw comes before the outcome they led to.
            WritePollNotes();
            var item = outcome.Item;
            if (item.Rejection != null)
            {
                WriteErrorOrReport(item.Rejection);
                return;
            }
            if (item.Requests.Any(request => request.AnsweredAttempts > 0))
            {
                endpointAnswered = true;
            }
            foreach (var request in item.Requests)
            {
                WriteVerbose($"{request.Operation} {request.HttpMethod} {request.DescribePath()} for {item.Description}: {Plural(request.Attempts, "attempt")}{(request.Throttles > 0 ? $" ({request.Throttles} throttled and sent again)" : "")}.");
            }
            if (outcome.Succeeded)
            {
                var result = outcome.Result!;
                if (result.AlreadyCancelled)
                {
                    WriteVerbose($"{FailureClassifier.Capitalize(item.Description)} was already {result.Status}; nothing to cancel.");
                }
                else if (item.Requests.Count > 0 && item.Requests[0].UnansweredAttempts > 0)
                {
                    WriteVerbose($"The answer to a cancel request for {item.Description} was lost; the job is {result.Status}, so the cancel took effect.");
                }
                WriteObjectOrReport(result);
                unwritten.Written();
                return;
            }

            if (outcome.Error is OperationCanceledException && executor!.HaltedBy is { } cause && !ReferenceEquals(cause, outcome))
            {
                // -ErrorAction Stop: a later item's failure halted the run and canceled this one. The real failure is
                // the terminating error; this item is reported with the other requests that were sent.
                unwritten.CanceledByHalt(outcome, cause);
                WriteOutcome(cause);
                return;
            }

            var failure = FailureClassifier.Classify(outcome.Error!, item.Description);
            if (!endpointAnswered && Volatile.Read(ref answeredOnTheWire) == 0 && Unreachable(item, failure) is { } unreachable)
            {
                // Nothing in this command has ever been answered and this endpoint was never reached: every other item
                // would fail the same way after its own retries. One terminating error instead of N.
                failure = unreachable;
                unreachableEndpoint = item.Requests[0].SentTo;
            }
            WriteDetail(failure);
            // The audit trail names the cancel request: its request id (also when a later poll failed) and its attempts.
            var record = ErrorRecords.From(failure, item.Input, AdviceFor(failure, item.Target),
                item.Accepted?.ServiceRequestId, item.Requests.Count > 0 ? item.Requests[0].Attempts : 0);
            if (failure.DoomsEveryItem)
            {
                unwritten.Written();
                // Every further request would be rejected the same way: stop once instead of failing N times.
                StopAndReportSent();
                ThrowTerminatingError(record);
            }
            WriteErrorOrReport(record);
        }

        private void WriteErrorOrReport(ErrorRecord record)
        {
            try
            {
                WriteError(record);
                unwritten.Written();
            }
            catch (RuntimeException)
            {
                // -ErrorAction Stop made this error terminating, and it is shown; or Ctrl+C stopped the pipeline, and it
                // is not. Both throw PipelineStoppedException here, so only the stop token tells them apart. Either way,
                // tell what else was sent.
                if (!StoppingToken.IsCancellationRequested)
                {
                    unwritten.Written();
                }
                StopAndReportSent();
                throw;
            }
        }

        private void WriteObjectOrReport(TCancellation result)
        {
            try
            {
                WriteObject(result);
            }
            catch (PipelineStoppedException)
            {
                // Ctrl+C: the pipeline takes no more output, this result included. Without Ctrl+C a downstream command
                // (Select-Object -First) took this result and stopped the rest. Either way, tell what else was sent.
                if (!StoppingToken.IsCancellationRequested)
                {
                    unwritten.Written();
                }
                StopAndReportSent();
                throw;
            }
        }

        /// <summary>Cancels what remains and names, through the host, the requests that were sent but not written. Pipeline thread only.</summary>
        private void StopAndReportSent()
        {
            executor!.Cancel();
            // Ctrl+C (another thread) and an error turned terminating can both get here; the ledger tells the user once.
            if (unwritten.ReportOnce(() => executor.SettleUntaken(TimeSpan.FromMilliseconds(500))) is { } outcomes)
            {
                ReportUnwritten(outcomes);
            }
        }

        private void ReportProgress(bool force)
        {
            var running = executor!;
            WritePollNotes();
            // With -Wait, progress shows from the first item: waiting is otherwise silent for up to -Timeout.
            if ((running.Submitted <= ProgressThreshold && wait == null) || (!force && lastProgress.HasValue && clock.Elapsed - lastProgress.Value < ProgressInterval))
            {
                return;
            }
            lastProgress = clock.Elapsed;
            var done = running.Completed;
            var rate = done / Math.Max(clock.Elapsed.TotalSeconds, 0.001);
            var record = new ProgressRecord(progressActivityId, MyInvocation.MyCommand.Name,
                $"{done} of {running.Submitted} done, {running.Failed} failed, {running.Running} in flight, {rate:0.#}/s")
            {
                CurrentOperation = latestPoll ?? $"Throttle limit {running.ThrottleLimit}",
            };
            // While the service throttles, say so (without -Verbose), the rate it allows and the time left at that rate.
            if (progressClient?.LastThrottled is { } quota && quota.Rate.HasValue && quota.SecondsSinceThrottle < ThrottlingShownSeconds
                && quota.AcceptedAtLastCut is { } allowed && allowed > 0)
            {
                var left = running.Submitted - done;
                record.CurrentOperation = $"The service is throttling {quota.Operation}: waiting for the quota, about {FormatRate(allowed)} requests/s"
                    + (left > 0 ? $"; about {FormatDuration(left / allowed)} left for {left} item{(left == 1 ? "" : "s")}" : "") + ".";
                record.SecondsRemaining = (int)Math.Min(int.MaxValue, Math.Ceiling(left / allowed));
            }
            WriteProgress(record);
            progressShown = true;
        }

        private static string FormatRate(double perSecond) =>
            perSecond.ToString(perSecond >= 10 ? "0" : perSecond >= 1 ? "0.#" : "0.##", System.Globalization.CultureInfo.CurrentCulture);

        private static string FormatDuration(double seconds) =>
            seconds < 90 ? $"{Math.Ceiling(seconds):0} s" : seconds < 5400 ? $"{Math.Ceiling(seconds / 60):0} min" : $"{seconds / 3600:0.#} h";

        private void CompleteProgress()
        {
            if (!progressShown)
            {
                return;
            }
            ReportProgress(force: true);
            WriteProgress(new ProgressRecord(progressActivityId, MyInvocation.MyCommand.Name, "Done") { RecordType = ProgressRecordType.Completed });
        }

        /// <summary>Worker side of -Wait: remember what the latest poll saw, for progress and a verbose line per poll.</summary>
        private void NotePoll(Submitted item, string? status)
        {
            var polls = Interlocked.Increment(ref item.Polls);
            item.LastStatus = status;
            var note = polls > 1 ? $"Waiting for {item.Description}: {status ?? "state unknown"} (poll {polls - 1})."
                : status != null && JobService.IsTerminal(status) ? $"{FailureClassifier.Capitalize(item.Description)} is {status} after the cancel; nothing to wait for."
                : $"Waiting for {item.Description} to reach a terminal state: {status ?? "state unknown"} after the cancel.";
            latestPoll = note;
            pollNotes.Enqueue(note);
        }

        /// <summary>Pipeline side: verbose output may only be written from the pipeline thread.</summary>
        private void WritePollNotes()
        {
            while (pollNotes.TryDequeue(out var note))
            {
                WriteVerbose(note);
            }
        }

        private static string Plural(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";

        /// <summary>
        /// One item in input order: an approved item on its way (what was asked, what the user piped, the requests sent
        /// for it), or one refused before sending (<see cref="Rejection"/>), which keeps its place in the output order.
        /// </summary>
        private sealed class Submitted
        {
            public Submitted(TTarget target, object input, string description, Engine.Connection.AwsConnection? connection)
            {
                Target = target;
                Input = input;
                Description = description;
                Connection = connection;
            }

            public static Submitted Rejected(ErrorRecord record, string description) =>
                new Submitted(default!, record.TargetObject ?? "", description, null) { Rejection = record };

            public TTarget Target { get; }
            public object Input { get; }
            public string Description { get; }
            public Engine.Connection.AwsConnection? Connection { get; }

            /// <summary>The error of an item refused before anything was sent for it.</summary>
            public ErrorRecord? Rejection { get; private set; }

            /// <summary>The client its requests went through (for messages about the endpoint).</summary>
            public AwsServiceClient? Client { get; set; }

            /// <summary>Filled by the worker, read on the pipeline thread only after the outcome is complete.</summary>
            public List<ApiRequest> Requests { get; } = new List<ApiRequest>();

            /// <summary>Set by the worker once the cancel was accepted, so a stop while waiting can say so.</summary>
            public volatile TCancellation? Accepted;

            /// <summary>The state the latest -Wait poll saw.</summary>
            public volatile string? LastStatus;

            public int Polls;
        }
    }

    /// <summary>The executor's failure for an item refused before sending; its error record is written as it is.</summary>
    internal sealed class RejectedBeforeSendingException : Exception
    {
        public RejectedBeforeSendingException(ErrorRecord record) : base(record.Exception.Message) => Record = record;

        public ErrorRecord Record { get; }
    }
}
