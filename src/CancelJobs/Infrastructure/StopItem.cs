using System.Collections.Generic;
using System.Management.Automation;
using CancelJobs.Engine.Aws;
using CancelJobs.Engine.Connection;
using CancelJobs.Engine.Model;

namespace CancelJobs.Infrastructure
{
    /// <summary>
    /// One Stop-* item in input order: an approved item on its way (what was asked, what the user piped, the requests sent
    /// for it), or one refused before sending (<see cref="Rejection"/>), which keeps its place in the output order.
    /// </summary>
    internal sealed class StopItem<TTarget, TCancellation> where TCancellation : JobCancellation
    {
        public StopItem(TTarget target, object input, string description, AwsConnection? connection)
        {
            Target = target;
            Input = input;
            Description = description;
            Connection = connection;
        }

        public static StopItem<TTarget, TCancellation> Rejected(ErrorRecord record, string description) =>
            new StopItem<TTarget, TCancellation>(default!, record.TargetObject ?? "", description, null) { Rejection = record };

        public TTarget Target { get; }
        public object Input { get; }
        public string Description { get; }
        public AwsConnection? Connection { get; }

        /// <summary>
        /// The item goes to one of several -Region values: a refusal of the credentials there ends that region's part of
        /// the run, not the whole command.
        /// </summary>
        public bool OwnRegion { get; set; }

        /// <summary>
        /// The error of an item refused before anything was sent for it: on the pipeline thread (bad input), or by the
        /// worker instead of sending, when the item's region refused the credentials for another item meanwhile. Read on
        /// the pipeline thread only after the outcome is complete.
        /// </summary>
        public ErrorRecord? Rejection { get; set; }

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
