using System;
using CancelJobs.Engine.Aws;
using CancelJobs.Engine.Errors;

namespace CancelJobs.Engine.Model
{
    /// <summary>
    /// One read of a service: a get (one request, one item), a list (a request per page) or a filter (one job that
    /// may come back as no item). All run through the same paging loop; a get is a list whose only page has no next token.
    /// </summary>
    public sealed class JobQuery<TItem> where TItem : JobRecord
    {
        private JobQuery(string description, string notFoundSubject, object target, Func<string?, int, ApiRequest> request, Func<ApiResponse, Page<TItem>> read)
        {
            Description = description;
            NotFoundSubject = notFoundSubject;
            Target = target;
            Request = request;
            Read = read;
        }

        /// <summary>Names what is read, as the subject of a message, e.g. "the list of IoT job executions of job fw-7".</summary>
        public string Description { get; }

        /// <summary>What a not-found answer means is missing: the job itself for a get, the job's parent for a list (e.g. "IoT job fw-7").</summary>
        public string NotFoundSubject { get; }

        /// <summary>The TargetObject of error records for this query.</summary>
        public object Target { get; }

        /// <summary>Builds the request for one page from the previous page's token and the page size to ask for.</summary>
        public Func<string?, int, ApiRequest> Request { get; }

        public Func<ApiResponse, Page<TItem>> Read { get; }

        /// <summary>Set when an empty answer means the asked-for job does not exist (APIs that filter instead of 404).</summary>
        public bool EmptyIsNotFound { get; private set; }

        /// <summary>A failure to report as verbose and skip rather than as an error (e.g. a defaulted TwinMaker type pair).</summary>
        public Func<Failure, bool>? Skip { get; private set; }

        /// <summary>One job by its id: <paramref name="job"/> names it ("IoT job execution fw-7 on thing s-1").</summary>
        public static JobQuery<TItem> Get(string job, object target, ApiRequest request, Func<ApiResponse, TItem> read) =>
            new JobQuery<TItem>(job, job, target, (token, size) => request, response => new Page<TItem>(new[] { read(response) }, null));

        /// <summary>
        /// Every job of a parent, page by page: <paramref name="jobs"/> names them ("IoT job executions of job fw-7"),
        /// <paramref name="parent"/> the resource whose absence makes the service answer not found ("IoT job fw-7"),
        /// null when the list operation has no such answer.
        /// </summary>
        public static JobQuery<TItem> List(string jobs, string? parent, object target, Func<string?, int, ApiRequest> request, Func<ApiResponse, Page<TItem>> read)
        {
            var description = "the list of " + jobs;
            return new JobQuery<TItem>(description, parent ?? description, target, request, read);
        }

        /// <summary>
        /// One job read through a request that may answer with no item: DMS's list filtered to one request id (it has no
        /// get), or IoT's get of one execution kept only in the asked -Status. <paramref name="job"/> names it,
        /// <paramref name="parent"/> the resource whose absence makes the service answer not found. Add
        /// <see cref="NotFoundWhenEmpty"/> when nothing but the job's absence could explain an empty answer.
        /// </summary>
        public static JobQuery<TItem> Filter(string job, string parent, object target, Func<string?, int, ApiRequest> request, Func<ApiResponse, Page<TItem>> read) =>
            new JobQuery<TItem>(job, parent, target, request, read);

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

        /// <summary>The failure a request of this query ended in, worded for what was asked (a list's parent when it is missing).</summary>
        /// <param name="where">Appended to what the message names (" in eu-west-1" when several regions are read).</param>
        public Failure Classify(Exception error, string where = "")
        {
            var failure = FailureClassifier.Classify(error, Description + where);
            return failure.Kind == FailureKind.NotFound && NotFoundSubject != Description
                ? FailureClassifier.Classify(error, NotFoundSubject + where)
                : failure;
        }
    }
}
