using System;
using System.Collections.Concurrent;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;
using Amazon.Runtime.Credentials;
using CancelJobs.Engine.Aws;

namespace CancelJobs.Engine.Connection
{
    /// <summary>
    /// Builds service clients from a connection, resolving region and credentials once per distinct connection.
    /// One factory lives for one cmdlet invocation, so a pipeline of N items costs one resolution, not N.
    /// </summary>
    public sealed class ClientFactory : IDisposable
    {
        /// <summary>Region used with a custom endpoint when none is configured: the emulator accepts any.</summary>
        public const string EndpointDefaultRegion = "us-east-1";

        // Lazy caches a ConnectionException as well as a client, so an unusable connection is resolved once,
        // not again for every piped item that carries it.
        private readonly ConcurrentDictionary<(AwsService, AwsConnection), Lazy<AwsServiceClient>> clients =
            new ConcurrentDictionary<(AwsService, AwsConnection), Lazy<AwsServiceClient>>();

        public AwsServiceClient GetClient(AwsService service, AwsConnection connection) =>
            clients.GetOrAdd((service, connection), key => new Lazy<AwsServiceClient>(() => Create(key.Item1, key.Item2))).Value;

        public void Dispose()
        {
            foreach (var client in clients.Values)
            {
                if (client.IsValueCreated)
                {
                    client.Value.Dispose();
                }
            }
            clients.Clear();
        }

        /// <summary>Resolves everything up front and throws <see cref="ConnectionException"/> with the fix when something is missing.</summary>
        public static AwsServiceClient Create(AwsService service, AwsConnection connection)
        {
            var config = new ServiceClientConfig(service);
            if (connection.RetryMode != null)
            {
                config.RetryMode = (RequestRetryMode)Enum.Parse(typeof(RequestRetryMode), connection.RetryMode, ignoreCase: true);
            }

            var profiles = new CredentialProfileStoreChain(connection.ProfileLocation);
            CredentialProfile? profile = null;
            if (connection.ProfileName != null)
            {
                if (!profiles.TryGetProfile(connection.ProfileName, out profile))
                {
                    throw new ConnectionException("ProfileNotFound",
                        $"The AWS profile '{connection.ProfileName}' was not found{(connection.ProfileLocation != null ? " in " + connection.ProfileLocation : " in the shared config and credentials files")}. Run 'aws configure --profile {connection.ProfileName}' or pass -ProfileLocation.");
                }
                // Core reads endpoint_url and other settings from config.Profile (else from AWS_PROFILE/default).
                config.Profile = new Profile(connection.ProfileName, connection.ProfileLocation);
            }

            var endpointUrl = connection.EndpointUrl;
            if (endpointUrl != null)
            {
                if (!Uri.TryCreate(endpointUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
                {
                    throw new ConnectionException("InvalidEndpointUrl", $"-EndpointUrl '{endpointUrl}' is not an absolute http:// or https:// URL.");
                }
            }

            // Core's ServiceURL getter already honours AWS_ENDPOINT_URL(_<SERVICE>) and the profile's endpoint_url.
            endpointUrl ??= string.IsNullOrEmpty(config.ServiceURL) ? null : config.ServiceURL;
            var endpointConfigured = endpointUrl != null;
            // Parameters, then environment, then the profile; instance metadata only for AWS's own endpoints, so a
            // local endpoint never waits on a metadata probe that cannot answer.
            var region = connection.Region
                ?? EnvironmentRegion()
                ?? profile?.Region?.SystemName
                ?? FallbackRegion(includeInstanceMetadata: !endpointConfigured)
                ?? (endpointConfigured ? EndpointDefaultRegion : null);
            if (region == null)
            {
                throw new ConnectionException("NoRegion",
                    "No AWS region is set. Pass -Region (for example -Region us-east-1), set the AWS_REGION environment variable, or set 'region' in your AWS config profile.");
            }
            if (!AwsConnection.RegionPattern.IsMatch(region))
            {
                throw new ConnectionException("InvalidRegion", $"'{region}' is not an AWS region name such as us-east-1 or eu-west-2.");
            }

            // Setting RegionEndpoint clears ServiceURL, so the endpoint goes second.
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
            if (endpointConfigured)
            {
                config.ServiceURL = endpointUrl;
                // The URL says nothing about the region to sign for, and no host prefix may be added to it.
                config.AuthenticationRegion = region;
                config.DisableHostPrefixInjection = true;
            }

            var credentials = ResolveCredentials(connection, config, profiles);
            return new AwsServiceClient(service, credentials, config);
        }

        private static AWSCredentials ResolveCredentials(AwsConnection connection, ServiceClientConfig config, CredentialProfileStoreChain profiles)
        {
            if (connection.Credentials != null)
            {
                return FromCredentialObject(connection.Credentials);
            }
            if (connection.AccessKey != null || connection.SecretKey != null)
            {
                if (string.IsNullOrEmpty(connection.AccessKey) || string.IsNullOrEmpty(connection.SecretKey))
                {
                    throw new ConnectionException("IncompleteCredentials", "-AccessKey and -SecretKey must be given together.");
                }
                return string.IsNullOrEmpty(connection.SessionToken)
                    ? new BasicAWSCredentials(connection.AccessKey, connection.SecretKey)
                    : (AWSCredentials)new SessionAWSCredentials(connection.AccessKey, connection.SecretKey, connection.SessionToken);
            }
            if (connection.ProfileName != null)
            {
                if (profiles.TryGetAWSCredentials(connection.ProfileName, out var profileCredentials))
                {
                    return profileCredentials;
                }
                throw new ConnectionException("NoCredentials", $"The AWS profile '{connection.ProfileName}' has no usable credentials.");
            }
            try
            {
                return new DefaultAWSCredentialsIdentityResolver().ResolveIdentity(config);
            }
            catch (Exception error)
            {
                throw new ConnectionException("NoCredentials",
                    "No AWS credentials were found. Pass -ProfileName, -AccessKey/-SecretKey or -Credential, set AWS_PROFILE or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, or run 'aws configure'.", error);
            }
        }

        private static AWSCredentials FromCredentialObject(object credentials)
        {
            if (credentials is AWSCredentials ours)
            {
                return ours;
            }
            // An AWSCredentials from another AWSSDK.Core (e.g. AWS Tools' Get-AWSCredential): same shape, other type identity.
            var immutable = credentials.GetType().GetMethod("GetCredentials", Type.EmptyTypes)?.Invoke(credentials, null);
            string? Read(string name) => immutable?.GetType().GetProperty(name)?.GetValue(immutable) as string;
            var accessKey = Read("AccessKey");
            var secretKey = Read("SecretKey");
            if (string.IsNullOrEmpty(accessKey) || string.IsNullOrEmpty(secretKey))
            {
                throw new ConnectionException("InvalidCredentialType",
                    $"-Credential takes an AWSCredentials object or a PSCredential (access key as user name, secret key as password), not {credentials.GetType().FullName}.");
            }
            var token = Read("Token");
            return string.IsNullOrEmpty(token) ? new BasicAWSCredentials(accessKey, secretKey) : (AWSCredentials)new SessionAWSCredentials(accessKey, secretKey, token);
        }

        private static string? EnvironmentRegion()
        {
            var region = Environment.GetEnvironmentVariable("AWS_REGION");
            return string.IsNullOrEmpty(region) ? Environment.GetEnvironmentVariable("AWS_DEFAULT_REGION") is string fallback && fallback.Length > 0 ? fallback : null : region;
        }

        private static string? FallbackRegion(bool includeInstanceMetadata)
        {
            try
            {
                return FallbackRegionFactory.GetRegionEndpoint(includeInstanceMetadata)?.SystemName;
            }
            catch (AmazonClientException)
            {
                return null;
            }
        }
    }
}
