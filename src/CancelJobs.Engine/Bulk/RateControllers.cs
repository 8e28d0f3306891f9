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
        /// Forgets what was learned about one endpoint (scheme, host and port of a custom endpoint URL). The hosted tests
        /// call it for their own emulator before each session (by reflection: the engine lives in the module's own load
        /// context), so no test inherits a rate an earlier one taught, while tests of other emulators running at the same
        /// time keep theirs.
        /// </summary>
        public static void Forget(string endpointUrl)
        {
            foreach (var key in Controllers.Keys)
            {
                if (key.IsAt(endpointUrl))
                {
                    Controllers.TryRemove(key, out _);
                }
            }
        }

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

            public bool IsAt(string endpointUrl) =>
                Uri.TryCreate(endpoint, UriKind.Absolute, out var mine) && Uri.TryCreate(endpointUrl, UriKind.Absolute, out var asked)
                    ? Uri.Compare(mine, asked, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0
                    : string.Equals(endpoint, endpointUrl, StringComparison.OrdinalIgnoreCase);

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
