using System;
using System.Collections.Generic;
using System.Management.Automation;
using CancelJobs.Engine.Aws;
using CancelJobs.Engine.Connection;
using CancelJobs.Engine.Errors;
using CancelJobs.Engine.Model;

namespace CancelJobs.Infrastructure
{
    /// <summary>
    /// One read of a service: a get (one request, one item) or a list (a request per page). Both run through the
    /// same paging loop; a get is a list whose only page has no next token.
    /// </summary>
    public sealed class JobQuery<TItem> where TItem : JobRecord
    {
        private JobQuery(string description, object target, Func<string?, int, ApiRequest> request, Func<ApiResponse, Page<TItem>> read)
        {
            Description = description;
            Target = target;
            Request = request;
            Read = read;
        }

        /// <summary>Names what is read, for messages, e.g. "IoT job executions of job fw-7".</summary>
        public string Description { get; }

        /// <summary>The TargetObject of error records for this query.</summary>
        public object Target { get; }

        /// <summary>Builds the request for one page from the previous page's token and the page size to ask for.</summary>
        public Func<string?, int, ApiRequest> Request { get; }

        public Func<ApiResponse, Page<TItem>> Read { get; }

        /// <summary>Set when an empty answer means the asked-for job does not exist (APIs that filter instead of 404).</summary>
        public bool EmptyIsNotFound { get; private set; }

        /// <summary>A failure to report as verbose and skip rather than as an error (e.g. a defaulted TwinMaker type pair).</summary>
        public Func<Failure, bool>? Skip { get; private set; }

        public static JobQuery<TItem> Get(string description, object target, ApiRequest request, Func<ApiResponse, TItem> read) =>
            new JobQuery<TItem>(description, target, (token, size) => request, response => new Page<TItem>(new[] { read(response) }, null));

        public static JobQuery<TItem> List(string description, object target, Func<string?, int, ApiRequest> request, Func<ApiResponse, Page<TItem>> read) =>
            new JobQuery<TItem>(description, target, request, read);

        public JobQuery<TItem> NotFoundWhenEmpty()
        {
            EmptyIsNotFound = true;
            return this;
        }

        public JobQuery<TItem> SkipWhen(Func<Failure, bool> skip)
        {
            Skip = skip;
            return this;
        }
    }

    /// <summary>
    /// The one Get-* loop: validate, then fetch page by page on the pipeline thread and write each item as soon as
    /// its page arrives, so a downstream Stop-* starts while later pages are still unread. -MaxItems stops before
    /// fetching a page it does not need; Ctrl+C cancels the request in flight and stops between pages.
    /// </summary>
    public abstract class GetJobCmdlet<TItem> : AwsCmdlet where TItem : JobRecord
    {
        private int written;
        private bool finished;

        /// <summary>Stop after writing this many items; no further page is requested.</summary>
        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int MaxItems { get; set; }

        /// <summary>Items to ask for per request (default: the service's maximum).</summary>
        [Parameter]
        [ValidateRange(1, 1000)]
        public int PageSize { get; set; }

        protected abstract AwsService Service { get; }

        /// <summary>The model's maxResults/MaxRecords upper bound.</summary>
        protected abstract int MaxPageSize { get; }

        /// <summary>The model's lower bound (DMS MaxRecords is 20..100).</summary>
        protected virtual int MinPageSize => 1;

        /// <summary>Problems with the bound identifiers per the model; empty when requests may be sent.</summary>
        protected abstract IReadOnlyList<string> Validate();

        /// <summary>What the current pipeline item asks to read, in order.</summary>
        protected abstract IEnumerable<JobQuery<TItem>> CreateQueries();

        private bool Limited => MyInvocation.BoundParameters.ContainsKey(nameof(MaxItems));

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            if (MyInvocation.BoundParameters.ContainsKey(nameof(PageSize)) && (PageSize < MinPageSize || PageSize > MaxPageSize))
            {
                ThrowTerminatingError(new ErrorRecord(
                    new PSArgumentOutOfRangeException(nameof(PageSize), PageSize, $"PageSize must be between {MinPageSize} and {MaxPageSize} for this service."),
                    "InvalidPageSize", ErrorCategory.InvalidArgument, PageSize));
            }
        }

        protected override void ProcessRecord()
        {
            if (finished)
            {
                return;
            }
            var queries = new List<JobQuery<TItem>>(CreateQueries());
            var problems = Validate();
            if (problems.Count > 0)
            {
                var target = queries.Count > 0 ? queries[0] : null;
                WriteError(ErrorRecords.From(
                    Failure.InvalidIdentifier($"Nothing was sent for {target?.Description ?? MyInvocation.MyCommand.Name}: {string.Join(" ", problems)}"),
                    target?.Target));
                return;
            }

            var client = ClientFor(Service, queries.Count > 0 ? queries[0].Target : null, out var connection);
            if (client == null)
            {
                return;
            }
            foreach (var query in queries)
            {
                if (!Read(client, connection, query))
                {
                    return;
                }
            }
        }

        /// <summary>Pages through one query; false when the whole command should stop (MaxItems reached, Ctrl+C).</summary>
        private bool Read(AwsServiceClient client, AwsConnection connection, JobQuery<TItem> query)
        {
            string? token = null;
            var pages = 0;
            var found = 0;
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
                    return Report(FailureClassifier.Classify(error, query.Description), query);
                }

                var page = query.Read(response);
                pages++;
                WriteVerbose($"{request.Operation} page {pages} for {query.Description}: {page.Items.Count} item(s), {request.Attempts} attempt(s).");
                foreach (var item in page.Items)
                {
                    // Stop-* binds this by property name, so a piped cancel goes where the list came from.
                    item.Connection = connection;
                    WriteObject(item);
                    found++;
                    if (Limited && ++written >= MaxItems)
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
                WriteError(ErrorRecords.From(Failure.NotFound(query.Description), query.Target));
            }
            return true;
        }

        private bool Report(Failure failure, JobQuery<TItem> query)
        {
            if (query.Skip?.Invoke(failure) == true)
            {
                WriteVerbose($"Skipped {query.Description}: {failure.Message}");
                return true;
            }
            var record = ErrorRecords.From(failure, query.Target);
            if (failure.DoomsEveryItem)
            {
                ThrowTerminatingError(record);
            }
            WriteError(record);
            return true;
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
