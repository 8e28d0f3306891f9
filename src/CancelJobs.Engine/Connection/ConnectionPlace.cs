using System;
using Amazon.Runtime.CredentialManagement;
using CancelJobs.Engine.Aws;
using CancelJobs.Engine.Aws.CoreAdapter;

namespace CancelJobs.Engine.Connection
{
    /// <summary>
    /// Where one connection sends, resolved without any network call: the region, the endpoint, what signs, and where
    /// each came from (-Region, AWS_REGION, profile NAME, the piped object…). Safe to show: no secret in any member.
    /// </summary>
    public sealed class ConnectionPlace
    {
        internal ConnectionPlace(ServiceClientConfig config, CredentialProfileStoreChain profiles, string region, string regionSource,
            Uri? endpoint, string? endpointSource, string credentials)
        {
            Config = config;
            Profiles = profiles;
            Region = region;
            RegionSource = regionSource;
            Endpoint = endpoint;
            EndpointSource = endpointSource;
            Credentials = credentials;
        }

        internal ServiceClientConfig Config { get; }
        internal CredentialProfileStoreChain Profiles { get; }

        public string Region { get; }
        public string RegionSource { get; }

        /// <summary>A custom endpoint, exactly as sent and signed; null for AWS's own endpoint of the region.</summary>
        public Uri? Endpoint { get; }
        public string? EndpointSource { get; }

        /// <summary>The kind of credentials and where they come from, e.g. "profile ops (from AWS_PROFILE)".</summary>
        public string Credentials { get; }

        /// <summary>Plain http to a host that is not this machine: signed requests and session tokens cross the network readable.</summary>
        public bool Unencrypted => Endpoint != null && Endpoint.Scheme == Uri.UriSchemeHttp && !Endpoint.IsLoopback;

        /// <summary>One line for -Verbose.</summary>
        public string Describe(AwsService service) =>
            $"{service.Name}: region {Region} (from {RegionSource}), endpoint "
            + (Endpoint == null ? "AWS's own for the region" : $"{Secrets.RedactUrl(ClientFactory.AsSent(Endpoint))} (from {EndpointSource})")
            + $", credentials: {Credentials}.";
    }
}
