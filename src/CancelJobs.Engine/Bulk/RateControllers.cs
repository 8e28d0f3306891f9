using System;
using System.Collections.Concurrent;

namespace CancelJobs.Engine.Bulk
{
    /// <summary>
    /// The process-wide registry of rate controllers, one per (endpoint, region, access key id, operation): AWS
    /// applies quotas per account and operation, so every invocation in the process (a Get | Stop pipeline, parallel
    /// runspaces, the next command) shares what was learned about the same quota.
    /// </summary>
    public static class RateControllers
    {
        private static readonly ConcurrentDictionary<RateKey, AdaptiveRateController> Controllers =
            new ConcurrentDictionary<RateKey, AdaptiveRateController>();

        public static AdaptiveRateController For(string endpoint, string region, string accessKeyId, string operation) =>
            Controllers.GetOrAdd(new RateKey(endpoint, region, accessKeyId, operation), _ => new AdaptiveRateController(operation));

        /// <summary>
        /// Forgets everything learned. The hosted tests call it before each session (by reflection: the engine lives in
        /// the module's own load context), so no test inherits a rate that an earlier one taught the shared registry.
        /// </summary>
        public static void Reset() => Controllers.Clear();

        private readonly struct RateKey : IEquatable<RateKey>
        {
            private readonly string endpoint;
            private readonly string region;
            private readonly string accessKeyId;
            private readonly string operation;

            public RateKey(string endpoint, string region, string accessKeyId, string operation)
            {
                this.endpoint = endpoint;
                this.region = region;
                this.accessKeyId = accessKeyId;
                this.operation = operation;
            }

            public bool Equals(RateKey other) =>
                string.Equals(endpoint, other.endpoint, StringComparison.OrdinalIgnoreCase) && region == other.region
                && accessKeyId == other.accessKeyId && operation == other.operation;

            public override bool Equals(object? obj) => obj is RateKey other && Equals(other);

            public override int GetHashCode()
            {
                unchecked
                {
                    var hash = StringComparer.OrdinalIgnoreCase.GetHashCode(endpoint);
                    hash = hash * 31 + region.GetHashCode();
                    hash = hash * 31 + accessKeyId.GetHashCode();
                    return hash * 31 + operation.GetHashCode();
                }
            }
        }
    }
}
