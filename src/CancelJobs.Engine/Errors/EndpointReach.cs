using System;
using System.Linq;
using Amazon;
using CancelJobs.Engine.Aws;
using CancelJobs.Engine.Validation;

namespace CancelJobs.Engine.Errors
{
    /// <summary>Builds <c>EndpointUnreachable</c>: where the endpoint came from, host:port, and a mistyped region's nearest known one.</summary>
    public static class EndpointReach
    {
        /// <summary>
        /// The failure for a request none of whose attempts reached <paramref name="client"/>'s endpoint.
        /// <paramref name="explicitUrl"/>: -EndpointUrl was given; <paramref name="carriedUrl"/>: the piped object's connection named one.
        /// </summary>
        public static Failure Unreachable(AwsServiceClient client, ApiRequest request, string reason, bool explicitUrl, bool carriedUrl, Exception? exception)
        {
            var custom = !string.IsNullOrEmpty(client.Config.ServiceURL);
            string? unknownRegion = null, nearest = null;
            if (!custom && reason == FailureClassifier.NameNotResolved && !IsKnownRegion(client.Region))
            {
                unknownRegion = client.Region;
                nearest = NearestKnownRegion(client.Region);
            }
            return Failure.EndpointUnreachable(request.SentTo ?? "the endpoint", Origin(client, explicitUrl, carriedUrl), reason, request.Attempts, unknownRegion, nearest, exception);
        }

        /// <summary>Where the endpoint came from, as the user would set it.</summary>
        public static string Origin(AwsServiceClient client, bool explicitUrl, bool carriedUrl)
        {
            if (explicitUrl)
            {
                return $"from {Mention.EndpointUrl}";
            }
            if (carriedUrl)
            {
                return "the endpoint the piped object was read from";
            }
            if (string.IsNullOrEmpty(client.Config.ServiceURL))
            {
                return $"AWS's {client.Service.Name} endpoint for region {client.Region}";
            }
            var serviceVariable = "AWS_ENDPOINT_URL_" + client.Service.ServiceId.Replace(' ', '_').ToUpperInvariant();
            if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable(serviceVariable)))
            {
                return "from " + serviceVariable;
            }
            return !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("AWS_ENDPOINT_URL"))
                ? "from AWS_ENDPOINT_URL"
                : "from the profile's endpoint_url";
        }

        /// <summary>
        /// Regions AWSSDK.Core knows from its endpoint data. Core also lists a region it was merely asked for, with the
        /// display name "Unknown", so that name is what tells them apart.
        /// </summary>
        public static bool IsKnownRegion(string region) => RegionEndpoint.EnumerableAllRegions.Any(r => r.SystemName == region && IsKnown(r));

        private static bool IsKnown(RegionEndpoint region) => !string.Equals(region.DisplayName, "Unknown", StringComparison.Ordinal);

        /// <summary>The known region closest in spelling (eu-west-10 → eu-west-1), or null when none is close.</summary>
        public static string? NearestKnownRegion(string region) =>
            Spelling.Nearest(region, RegionEndpoint.EnumerableAllRegions.Where(IsKnown).Select(r => r.SystemName), Math.Max(2, region.Length / 4));
    }
}
