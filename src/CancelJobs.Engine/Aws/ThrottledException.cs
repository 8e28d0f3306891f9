using System;
using Amazon.Runtime;

namespace CancelJobs.Engine.Aws
{
    /// <summary>
    /// A request kept being throttled for longer than its -ThrottleTimeout. <see cref="TriedFor"/> runs from its own
    /// first throttled answer and <see cref="Throttles"/> counts its own throttled answers.
    /// </summary>
    public sealed class ThrottledException : Exception
    {
        public ThrottledException(string operation, TimeSpan triedFor, int throttles, double? allowedRate, AmazonServiceException lastAnswer)
            : base($"{operation} was throttled {throttles} time(s) over {triedFor.TotalSeconds:0.#} s"
                + (allowedRate.HasValue ? $"; the service allowed about {allowedRate.Value:0.##} requests/s" : "") + ".", lastAnswer)
        {
            Operation = operation;
            TriedFor = triedFor;
            Throttles = throttles;
            AllowedRate = allowedRate;
        }

        /// <summary>The API operation that was throttled (CancelJobExecution, DescribeJobExecution…).</summary>
        public string Operation { get; }

        public TimeSpan TriedFor { get; }
        public int Throttles { get; }

        /// <summary>Requests per second the service accepted when the rate was last cut; null if never measured.</summary>
        public double? AllowedRate { get; }
    }
}
