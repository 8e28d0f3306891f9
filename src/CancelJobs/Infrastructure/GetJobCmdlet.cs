using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using CancelJobs.Engine.Aws;
using CancelJobs.Engine.Connection;
using CancelJobs.Engine.Errors;
using CancelJobs.Engine.Model;
using CancelJobs.Engine.Validation;

namespace CancelJobs.Infrastructure
{
    /// <summary>
    /// The one Get-* loop: the command binds its parameters into criteria; the service's reader validates them and
    /// turns them into queries; this fetches page by page on the pipeline thread and writes each item as soon as its
    /// page arrives, so a downstream Stop-* starts while later pages are still unread. -MaxItems stops before
    /// fetching a page it does not need; Ctrl+C cancels the request in flight and stops between pages.
    /// </summary>
    public abstract class GetJobCmdlet<TCriteria, TItem> : AwsCmdlet where TItem : JobRecord
    {
        private int written;
        private bool finished;

        /// <summary>Set once any request of this command got an answer: from then on an unreachable endpoint is a per-query failure.</summary>
        private bool endpointAnswered;

        /// <summary>Of several -Region values, those that refused the credentials: not read again for later input.</summary>
        private readonly HashSet<string> refusedRegions = new HashSet<string>(StringComparer.Ordinal);

        /// <summary>Stop after writing this many items; no further page is requested.</summary>
        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int MaxItems { get; set; }

        /// <summary>Items to ask for per request (default: the service's maximum).</summary>
        [Parameter]
        [ValidateRange(1, 1000)]
        public int PageSize { get; set; }

        protected abstract IJobReader<TCriteria, TItem> Reader { get; }

        /// <summary>Items and errors written for the current pipeline item (its queries, all regions).</summary>
        private int writtenForInput;
        private int failedForInput;

        /// <summary>
        /// Called when the current pipeline item's queries answered without error and wrote nothing: an error that says
        /// why (a container that does not exist), or null when an empty answer is just empty.
        /// </summary>
        protected virtual ErrorRecord? WhenNothingFound(TCriteria criteria, AwsServiceClient client) => null;

        /// <summary>The criteria built from the parameters bound for the current pipeline item.</summary>
        protected abstract TCriteria CreateCriteria();

        /// <summary>A usage problem the parameter sets cannot express (an error naming the parameters to give), or null.</summary>
        protected virtual ErrorRecord? UsageError() => null;

        private int MaxPageSize => Reader.MaxPageSize;

        private int MinPageSize => Reader.MinPageSize;

        private bool Limited => MyInvocation.BoundParameters.ContainsKey(nameof(MaxItems));

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            givenOnCommandLine = new HashSet<string>(MyInvocation.BoundParameters.Keys, StringComparer.OrdinalIgnoreCase);
            if (MyInvocation.BoundParameters.ContainsKey(nameof(PageSize)) && (PageSize < MinPageSize || PageSize > MaxPageSize))
            {
                ThrowTerminatingError(ErrorRecords.BeforeSending(
                    $"-PageSize must be between {MinPageSize} and {MaxPageSize} for this service; it is {PageSize}. Nothing was sent.",
                    ErrorIds.InvalidPageSize, ErrorCategory.InvalidArgument, PageSize));
            }
        }

        /// <summary>
        /// Why the criteria (<paramref name="description"/> in messages) must not be read through the connection's
        /// <paramref name="region"/> (a thing ARN of another region), or null.
        /// </summary>
        protected virtual string? ConflictWithConnection(TCriteria criteria, string description, string region) => null;

        /// <summary>Parameters given on the command line (bound before the first pipeline item); the rest came from the pipeline.</summary>
        private HashSet<string>? givenOnCommandLine;

        protected override void ProcessRecord()
        {
            if (finished)
            {
                return;
            }
            if (PipedInput.NothingToBind(this, InputObject, MyInvocation.ExpectingInput) is { } takes)
            {
                // PowerShell refuses an item that binds no parameter; InputObject takes every item, so say it here, per
                // item (before the usage check, which would end the command for the first such item).
                WriteError(ErrorRecords.BeforeSending(NothingBound(takes), ErrorIds.InvalidInputType, ErrorCategory.InvalidArgument, InputObject?.BaseObject));
                return;
            }
            var usage = UsageError();
            if (usage != null)
            {
                ThrowTerminatingError(usage);
            }
            if (IdentifierAttribute.RejectedParameter(this) is { } rejected)
            {
                WriteError(ErrorRecords.BeforeSending(rejected, ErrorIds.InvalidInputType, ErrorCategory.InvalidArgument, InputObject?.BaseObject));
                return;
            }
            if (PipedInput.DisagreeingProperties(this, InputObject, givenOnCommandLine!) is { } ambiguous)
            {
                WriteError(ErrorRecords.BeforeSending(ambiguous.Message, ambiguous.ErrorId, ErrorCategory.InvalidArgument, InputObject?.BaseObject));
                return;
            }
            var criteria = CreateCriteria();
            var queries = Reader.Queries(criteria);
            var problems = Reader.Validate(criteria);
            // The first query names what was asked, in messages and as the errors' TargetObject.
            var first = queries.Count > 0 ? queries[0] : null;
            var asked = first?.Description ?? MyInvocation.MyCommand.Name;
            if (problems.Count > 0)
            {
                WriteError(ErrorRecords.From(Failure.InvalidIdentifier($"Nothing was sent for {asked}: {string.Join(" ", problems)}"), first?.Target));
                return;
            }

            string? statedRegion = null;
            if (RegionsAsked.Count > 1)
            {
                // An item that says where it is (a Get-* object, a row's Region column) is read there only: read in every
                // region, a job id would list the executions of another region's job of the same id, once per piped job.
                statedRegion = ItemRegion.Stated(InputObject);
                if (statedRegion == null)
                {
                    ReadRegions(criteria, asked, first?.Target);
                    return;
                }
                if (!RegionsAsked.Contains(statedRegion))
                {
                    WriteError(ErrorRecords.From(Failure.RegionMismatch(
                        $"The piped {IdentifierAttribute.TypeLabel(InputObject!)} says it is in {IdentifierText.Escape(statedRegion)}, which is not one of the -Region values "
                        + $"({string.Join(", ", RegionsAsked)}); nothing was read for {asked}. Leave -Region out to read it where it is."), first?.Target));
                    return;
                }
                if (refusedRegions.Contains(statedRegion!))
                {
                    WriteError(ErrorRecords.From(RefusedEarlier(statedRegion!), first?.Target));
                    return;
                }
            }
            var client = ClientFor(Reader.Service, first?.Target, out var connection, statedRegion);
            if (client == null)
            {
                return;
            }
            if (ConflictWithConnection(criteria, asked, client.Region) is { } conflict)
            {
                WriteError(ErrorRecords.From(Failure.RegionMismatch(conflict), first?.Target));
                return;
            }
            writtenForInput = 0;
            failedForInput = 0;
            foreach (var query in queries)
            {
                if (!Read(client, connection, query, statedRegion))
                {
                    return;
                }
            }
            if (writtenForInput == 0 && failedForInput == 0 && WhenNothingFound(criteria, client) is { } nothing)
            {
                WriteError(nothing);
            }
        }

        /// <summary>Pages through one query; false when the whole command should stop (MaxItems reached, Ctrl+C).</summary>
        /// <param name="oneRegionOfSeveral">Set when the item chose one of several -Region values: failures name it, and a
        /// refusal of the credentials ends only that region's reading.</param>
        private bool Read(AwsServiceClient client, AwsConnection connection, JobQuery<TItem> query, string? oneRegionOfSeveral = null)
        {
            var where = oneRegionOfSeveral == null ? "" : $" in {client.Region}";
            string? token = null;
            var pages = 0;
            var found = 0;
            ApiResponse? lastResponse = null;
            var lastAttempts = 0;
            do
            {
                if (StoppingToken.IsCancellationRequested)
                {
                    finished = true;
                    return false;
                }
                var request = query.Request(token, NextPageSize());
                ApiResponse response;
                try
                {
                    response = client.SendAsync(request, StoppingToken).GetAwaiter().GetResult();
                }
                catch (OperationCanceledException) when (StoppingToken.IsCancellationRequested)
                {
                    finished = true;
                    return false;
                }
                catch (Exception error)
                {
                    return Report(UnreachableOr(query.Classify(error, where), error, client, connection, request), query, request.Attempts, oneRegionOfSeveral == null ? null : client.Region);
                }
                endpointAnswered = true;
                lastResponse = response;
                lastAttempts = request.Attempts;

                var page = query.Read(response);
                pages++;
                var dropped = page.Dropped > 0 ? $" ({page.Dropped} more already written)" : "";
                WriteVerbose($"{request.Operation} page {pages} for {query.Description}: {page.Items.Count} item(s){dropped}, {request.Attempts} attempt(s).");
                foreach (var item in page.Items)
                {
                    found++;
                    if (!WriteItem(item, client, connection))
                    {
                        finished = true;
                        return false;
                    }
                }
                if (page.NextToken != null && page.NextToken == token)
                {
                    // A service that hands back the token it was given would loop forever.
                    WriteWarning($"{request.Operation} returned the same next token twice for {query.Description}; stopped paging.");
                    break;
                }
                token = page.NextToken;
            }
            while (token != null);

            if (found == 0 && query.EmptyIsNotFound)
            {
                // The audit trail names the request whose empty answer meant "not found".
                failedForInput++;
                WriteError(ErrorRecords.From(Failure.NotFound(query.Description + where), query.Target, null, lastResponse?.RequestId, lastAttempts));
            }
            return true;
        }

        /// <summary>
        /// The failure as classified, or EndpointUnreachable when nothing in this command has been answered and this
        /// endpoint was never reached (then the command stops once, instead of an error per query).
        /// </summary>
        private Failure UnreachableOr(Failure failure, Exception error, AwsServiceClient client, AwsConnection connection, ApiRequest request)
        {
            endpointAnswered |= request.AnsweredAttempts > 0;
            if (endpointAnswered || request.AnsweredAttempts != 0 || request.UnconnectedAttempts != request.Attempts || request.Attempts <= 0
                || failure.Kind != FailureKind.ConnectionFailed)
            {
                return failure;
            }
            var explicitUrl = MyInvocation.BoundParameters.ContainsKey(nameof(EndpointUrl));
            return EndpointReach.Unreachable(client, request, FailureClassifier.NeverConnected(error) ?? "no connection could be made", explicitUrl,
                !explicitUrl && connection.EndpointUrl != null, failure.Exception);
        }

        /// <summary>Writes one listed item with where it came from; false when -MaxItems is reached.</summary>
        private bool WriteItem(TItem item, AwsServiceClient client, AwsConnection connection)
        {
            // Stop-* binds these by property name, so a piped cancel goes where the list came from.
            item.Connection = connection;
            item.Region = client.Region;
            WriteObject(item);
            writtenForInput++;
            return !(Limited && ++written >= MaxItems);
        }

        /// <param name="oneRegionOfSeveral">Several -Region values: a region that refuses the credentials (on AWS, an opt-in
        /// region not enabled for the account) ends only its own reading, not the other regions'.</param>
        private bool Report(Failure failure, JobQuery<TItem> query, int attempts, string? oneRegionOfSeveral = null)
        {
            if (query.Skip?.Invoke(failure) == true)
            {
                WriteVerbose($"Skipped {query.Description}: {failure.Message}");
                return true;
            }
            var regionRefused = oneRegionOfSeveral != null && failure.Kind == FailureKind.AuthenticationFailed;
            if (regionRefused)
            {
                failure = failure.InRegion(oneRegionOfSeveral!);
                refusedRegions.Add(oneRegionOfSeveral!);
            }
            WriteDetail(failure);
            failedForInput++;
            var record = ErrorRecords.From(failure, query.Target, null, null, attempts);
            // Every -Region value has refused the credentials (a wrong secret key is refused everywhere): as with one region,
            // nothing can be read any more, so the command stops once rather than writing an error per item and region.
            if (failure.DoomsEveryItem && (!regionRefused || refusedRegions.Count >= RegionsAsked.Count))
            {
                ThrowTerminatingError(record);
            }
            WriteError(record);
            return true;
        }

        private static Failure RefusedEarlier(string region) => new Failure(ErrorIds.AuthenticationFailed, FailureKind.AuthenticationFailed,
            $"{region} was not read: it refused the credentials earlier in this command (see that error). "
            + "If it is an opt-in region, it must be enabled for the account.");

        /// <summary>One region of several: its client, connection and its own queries (a query keeps state, e.g. ids written).</summary>
        private sealed class RegionRead
        {
            public RegionRead(AwsServiceClient client, AwsConnection connection, IReadOnlyList<JobQuery<TItem>> queries)
            {
                Client = client;
                Connection = connection;
                Queries = queries;
            }

            public AwsServiceClient Client { get; }
            public AwsConnection Connection { get; }
            public IReadOnlyList<JobQuery<TItem>> Queries { get; }
        }

        /// <summary>What a region's reader hands the pipeline thread: a page, a failure, a repeated token, or a query's end.</summary>
        private sealed class Fetched
        {
            public RegionRead Source { get; set; } = null!;
            public JobQuery<TItem> Query { get; set; } = null!;
            public ApiRequest? Request { get; set; }
            public ApiResponse? Response { get; set; }
            public Page<TItem>? Page { get; set; }
            public int PageNumber { get; set; }
            public Exception? Error { get; set; }
            public bool RepeatedToken { get; set; }
            public bool QueryEnded { get; set; }
            public int Found { get; set; }
        }

        /// <summary>
        /// Several -Region values: each region is listed by a reader of its own, concurrently (a region's pages in order);
        /// the pipeline thread writes items, errors and -Verbose lines as they arrive, each item with its region's
        /// connection, so a piped Stop-* sends it to that region. -MaxItems counts across regions; Ctrl+C stops every reader.
        /// </summary>
        private void ReadRegions(TCriteria criteria, string asked, object? target)
        {
            var sources = new List<RegionRead>();
            foreach (var region in RegionsAsked)
            {
                var client = ClientFor(Reader.Service, target, out var connection, region);
                if (client == null)
                {
                    continue;
                }
                if (refusedRegions.Contains(client.Region))
                {
                    WriteError(ErrorRecords.From(RefusedEarlier(client.Region), target));
                    continue;
                }
                if (ConflictWithConnection(criteria, asked, client.Region) is { } conflict)
                {
                    WriteError(ErrorRecords.From(Failure.RegionMismatch(conflict), target));
                    continue;
                }
                sources.Add(new RegionRead(client, connection, Reader.Queries(criteria)));
            }
            if (sources.Count == 0)
            {
                return;
            }
            using var readers = System.Threading.CancellationTokenSource.CreateLinkedTokenSource(StoppingToken);
            // Bounded: a region reads at most a page or two ahead of what the pipeline has written.
            using var arrived = new System.Collections.Concurrent.BlockingCollection<Fetched>(2 * sources.Count);
            var tasks = new List<System.Threading.Tasks.Task>();
            foreach (var source in sources)
            {
                tasks.Add(System.Threading.Tasks.Task.Run(() => ReadRegion(source, arrived, readers.Token)));
            }
            System.Threading.Tasks.Task.WhenAll(tasks).ContinueWith(_ => arrived.CompleteAdding(), System.Threading.Tasks.TaskScheduler.Default);
            try
            {
                foreach (var fetched in arrived.GetConsumingEnumerable(StoppingToken))
                {
                    if (!Handle(fetched))
                    {
                        finished = true;
                        return;
                    }
                }
            }
            catch (OperationCanceledException) when (StoppingToken.IsCancellationRequested)
            {
                finished = true;
            }
            finally
            {
                // -MaxItems reached, Ctrl+C or a terminating error: no reader sends another request.
                readers.Cancel();
            }
        }

        /// <summary>A region's reader (thread pool): pages through its queries and hands each answer over in order.</summary>
        private void ReadRegion(RegionRead source, System.Collections.Concurrent.BlockingCollection<Fetched> arrived, System.Threading.CancellationToken cancel)
        {
            try
            {
                foreach (var query in source.Queries)
                {
                    string? token = null;
                    var pages = 0;
                    var found = 0;
                    ApiRequest? request = null;
                    ApiResponse? last = null;
                    var failed = false;
                    do
                    {
                        cancel.ThrowIfCancellationRequested();
                        request = query.Request(token, NextPageSize());
                        ApiResponse response;
                        try
                        {
                            response = source.Client.SendAsync(request, cancel).GetAwaiter().GetResult();
                        }
                        catch (Exception error) when (!(error is OperationCanceledException && cancel.IsCancellationRequested))
                        {
                            arrived.Add(new Fetched { Source = source, Query = query, Request = request, Error = error }, cancel);
                            failed = true;
                            break;
                        }
                        last = response;
                        var page = query.Read(response);
                        found += page.Items.Count;
                        var repeated = page.NextToken != null && page.NextToken == token;
                        arrived.Add(new Fetched { Source = source, Query = query, Request = request, Response = response, Page = page, PageNumber = ++pages, RepeatedToken = repeated }, cancel);
                        token = repeated ? null : page.NextToken;
                    }
                    while (token != null);
                    if (!failed)
                    {
                        arrived.Add(new Fetched { Source = source, Query = query, Request = request, Response = last, QueryEnded = true, Found = found }, cancel);
                    }
                }
            }
            catch (OperationCanceledException) when (cancel.IsCancellationRequested)
            {
                // Stopped by the pipeline thread.
            }
            catch (InvalidOperationException) when (arrived.IsAddingCompleted)
            {
                // The pipeline thread is gone.
            }
        }

        /// <summary>On the pipeline thread: writes what a region's reader fetched; false when the command should stop.</summary>
        private bool Handle(Fetched fetched)
        {
            var query = fetched.Query;
            var client = fetched.Source.Client;
            var where = $" in {client.Region}";
            if (fetched.Error != null)
            {
                var request = fetched.Request!;
                // Several regions: the error says which one failed.
                return Report(UnreachableOr(query.Classify(fetched.Error, where), fetched.Error, client, fetched.Source.Connection, request), query, request.Attempts, client.Region);
            }
            if (fetched.QueryEnded)
            {
                if (fetched.Found == 0 && query.EmptyIsNotFound)
                {
                    WriteError(ErrorRecords.From(Failure.NotFound(query.Description + where), query.Target, null, fetched.Response?.RequestId, fetched.Request?.Attempts ?? 0));
                }
                return true;
            }
            endpointAnswered = true;
            var page = fetched.Page!;
            var dropped = page.Dropped > 0 ? $" ({page.Dropped} more already written)" : "";
            WriteVerbose($"{fetched.Request!.Operation} page {fetched.PageNumber} for {query.Description}{where}: {page.Items.Count} item(s){dropped}, {fetched.Request.Attempts} attempt(s).");
            foreach (var item in page.Items)
            {
                if (!WriteItem(item, client, fetched.Source.Connection))
                {
                    return false;
                }
            }
            if (fetched.RepeatedToken)
            {
                WriteWarning($"{fetched.Request.Operation} returned the same next token twice for {query.Description}{where}; stopped paging.");
            }
            return true;
        }

        /// <summary>Why a piped item that binds no parameter (<see cref="PipedInput.NothingToBind"/>) is refused.</summary>
        private string NothingBound(IReadOnlyList<string> takes)
        {
            var parameters = string.Join(", ", takes.Select(name => "-" + name));
            var fix = $"Give the value as a parameter (-{takes[0]} …), or pipe objects that carry it. Nothing was read for it.";
            if (InputObject == null)
            {
                return $"{MyInvocation.MyCommand.Name} was piped $null, which binds none of {parameters}, so it would be read as if nothing were piped. {fix}";
            }
            if (InputObject.BaseObject is System.Collections.IDictionary)
            {
                // PowerShell binds by property name only; a dictionary's keys are not properties.
                return $"{MyInvocation.MyCommand.Name} takes {parameters} from piped objects by property name, and PowerShell does not read a piped {IdentifierAttribute.TypeLabel(InputObject)}'s keys as properties, "
                    + $"so it would be read as if nothing were piped. Pipe [pscustomobject]@{{ … }} instead, or give the value as a parameter (-{takes[0]} …). Nothing was read for it.";
            }
            var piped = IdentifierAttribute.TryText(InputObject, out var text) ? $"{IdentifierAttribute.TypeLabel(InputObject)} '{IdentifierText.Escape(text)}'" : IdentifierAttribute.TypeLabel(InputObject);
            return $"{MyInvocation.MyCommand.Name} takes {parameters} from piped objects by property name, and the piped {piped} has none of them, so it would be read as if nothing were piped. {fix}";
        }

        /// <summary>The configured size, never more than -MaxItems still needs, within the model's bounds.</summary>
        private int NextPageSize()
        {
            var size = MyInvocation.BoundParameters.ContainsKey(nameof(PageSize)) ? PageSize : MaxPageSize;
            if (Limited)
            {
                size = Math.Min(size, MaxItems - written);
            }
            return Math.Max(MinPageSize, Math.Min(size, MaxPageSize));
        }

    }
}
