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
        /// <summary>Region used with a loopback endpoint (the emulator) when none is configured: the emulator accepts any.</summary>
        public const string EndpointDefaultRegion = "us-east-1";

        private readonly Func<string, string>? mfaCodePrompt;

        // Lazy caches a ConnectionException as well as a client, so an unusable connection is resolved once,
        // not again for every piped item that carries it.
        private readonly ConcurrentDictionary<(AwsService, AwsConnection), Lazy<AwsServiceClient>> clients =
            new ConcurrentDictionary<(AwsService, AwsConnection), Lazy<AwsServiceClient>>();

        // Credentials once per connection for the whole invocation, whatever services it calls: a role is assumed
        // once and a credential_process started once; Core refreshes them when they near expiry.
        private readonly ConcurrentDictionary<AwsConnection, Lazy<AWSCredentials>> credentials =
            new ConcurrentDictionary<AwsConnection, Lazy<AWSCredentials>>();

        /// <param name="mfaCodePrompt">Asks the user for the code of an MFA device (its serial is the argument);
        /// throws <see cref="ConnectionException"/> when nobody can answer. Null: MFA profiles fail with advice.</param>
        public ClientFactory(Func<string, string>? mfaCodePrompt = null)
        {
            this.mfaCodePrompt = mfaCodePrompt;
        }

        public AwsServiceClient GetClient(AwsService service, AwsConnection connection) =>
            clients.GetOrAdd((service, connection), key => new Lazy<AwsServiceClient>(() => Build(key.Item1, key.Item2))).Value;

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
        public static AwsServiceClient Create(AwsService service, AwsConnection connection) => new ClientFactory().Build(service, connection);

        private AwsServiceClient Build(AwsService service, AwsConnection connection)
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

            var endpointUrl = connection.RawEndpointUrl;
            var endpointSource = "-EndpointUrl";
            if (endpointUrl == null)
            {
                // Core's ServiceURL getter honours AWS_ENDPOINT_URL(_<SERVICE>) and the profile's endpoint_url.
                endpointUrl = string.IsNullOrEmpty(config.ServiceURL) ? null : config.ServiceURL;
                endpointSource = "The endpoint from AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_<SERVICE> or the profile's endpoint_url";
            }
            var endpoint = endpointUrl == null ? null : CheckedEndpoint(endpointUrl, endpointSource);

            // Parameters, then environment, then the profile; instance metadata only for AWS's own endpoints, so a
            // local endpoint never waits on a metadata probe that cannot answer. Only a loopback endpoint (the
            // emulator) may go without: any other custom endpoint is regional, and guessing would sign for the wrong one.
            var region = connection.Region
                ?? EnvironmentRegion()
                ?? profile?.Region?.SystemName
                ?? FallbackRegion(includeInstanceMetadata: endpoint == null)
                ?? (endpoint != null && endpoint.IsLoopback ? EndpointDefaultRegion : null);
            if (region == null)
            {
                throw new ConnectionException("NoRegion",
                    (endpoint != null ? $"The endpoint {Secrets.Redact(endpointUrl!)} needs a region to sign for, and none is set. " : "No AWS region is set. ")
                    + "Pass -Region (for example -Region us-east-1), set the AWS_REGION environment variable, or set 'region' in your AWS config profile.");
            }
            if (!AwsConnection.RegionPattern.IsMatch(region))
            {
                throw new ConnectionException("InvalidRegion", $"'{region}' is not an AWS region name such as us-east-1 or eu-west-2.");
            }

            // Setting RegionEndpoint clears ServiceURL, so the endpoint goes second.
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
            if (endpoint != null)
            {
                config.ServiceURL = endpointUrl;
                // The URL says nothing about the region to sign for, and no host prefix may be added to it.
                config.AuthenticationRegion = region;
                config.DisableHostPrefixInjection = true;
            }

            var resolved = credentials.GetOrAdd(connection, key => new Lazy<AWSCredentials>(() => ResolveCredentials(key, config, profiles))).Value;
            return new AwsServiceClient(service, resolved, config);
        }

        private static Uri CheckedEndpoint(string endpointUrl, string source)
        {
            if (!Uri.TryCreate(endpointUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                throw new ConnectionException("InvalidEndpointUrl", $"{source} '{Secrets.Redact(endpointUrl)}' is not an absolute http:// or https:// URL.");
            }
            return uri;
        }

        /// <summary>
        /// Builds the credentials and fetches them once now, so a failing source (a role that cannot be assumed, an
        /// expired SSO login, a credential_process that exits non-zero) is one clear error before any request.
        /// </summary>
        private AWSCredentials ResolveCredentials(AwsConnection connection, ServiceClientConfig config, CredentialProfileStoreChain profiles)
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

            AWSCredentials built;
            string profileName;
            if (connection.ProfileName != null)
            {
                profileName = connection.ProfileName;
                try
                {
                    if (!profiles.TryGetAWSCredentials(connection.ProfileName, out built))
                    {
                        throw new ConnectionException("NoCredentials", $"The AWS profile '{connection.ProfileName}' has no usable credentials.");
                    }
                }
                catch (Exception error) when (!(error is ConnectionException))
                {
                    throw SourceFailed(profileName, null, error);
                }
            }
            else
            {
                profileName = EnvironmentProfile() ?? "default";
                try
                {
                    built = new DefaultAWSCredentialsIdentityResolver().ResolveIdentity(config);
                }
                catch (Exception error)
                {
                    if (MissingAssembly(error) != null)
                    {
                        throw SourceFailed(profileName, null, error);
                    }
                    if (EnvironmentProfile() is { } named && !profiles.TryGetProfile(named, out _))
                    {
                        // The likely cause, named: telling the user to set AWS_PROFILE when it is set would mislead.
                        throw new ConnectionException("ProfileNotFound",
                            $"AWS_PROFILE names the profile '{named}', which is not in the shared config and credentials files. Correct AWS_PROFILE, "
                            + $"run 'aws configure --profile {named}', or pass -ProfileName.", error);
                    }
                    throw new ConnectionException("NoCredentials",
                        "No AWS credentials were found. Pass -ProfileName, -AccessKey/-SecretKey or -Credential, set AWS_PROFILE or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, or run 'aws configure'.", error);
                }
            }

            if (built is AssumeRoleAWSCredentials assumeRole && !string.IsNullOrEmpty(assumeRole.Options?.MfaSerialNumber))
            {
                var serial = assumeRole.Options!.MfaSerialNumber;
                assumeRole.Options.MfaTokenCodeCallback = () => mfaCodePrompt != null
                    ? mfaCodePrompt(serial)
                    : throw new ConnectionException("MfaCodeRequired", $"The AWS profile '{profileName}' assumes a role with the MFA device {serial}, and nothing here can ask for its code.");
            }

            var refreshing = built as RefreshingAWSCredentials;
            var (preempt, buffer) = refreshing != null ? (refreshing.PreemptExpiryTime, refreshing.ExpirationBuffer) : (TimeSpan.Zero, TimeSpan.Zero);
            if (refreshing != null)
            {
                // Fetch once with no safety margins, to learn the credentials' real lifetime (see RefreshWellBeforeExpiry).
                refreshing.PreemptExpiryTime = TimeSpan.Zero;
                refreshing.ExpirationBuffer = TimeSpan.Zero;
            }
            try
            {
                built.GetCredentials();
            }
            catch (Exception error)
            {
                throw SourceFailed(profileName, built, error);
            }
            if (refreshing != null)
            {
                RefreshWellBeforeExpiry(refreshing, preempt, buffer);
            }
            return built;
        }

        /// <summary>
        /// Core refreshes temporary credentials once they are within PreemptExpiryTime (plus ExpirationBuffer) of expiring:
        /// 15 minutes plus 1 for an assumed role. Credentials that live shorter than that (a container endpoint, a short
        /// role session) would otherwise be fetched again for every request, and a request could be signed with one
        /// set's key and another's token. Core's margins stay as they are unless they exceed a third of the lifetime.
        /// </summary>
        private static void RefreshWellBeforeExpiry(RefreshingAWSCredentials refreshing, TimeSpan preempt, TimeSpan buffer)
        {
            var third = TimeSpan.Zero;
            if (refreshing.Expiration is DateTime expires)
            {
                var lifetime = (expires.Kind == DateTimeKind.Local ? expires.ToUniversalTime() : expires) - DateTime.UtcNow;
                third = lifetime > TimeSpan.Zero ? TimeSpan.FromTicks(lifetime.Ticks / 3) : TimeSpan.Zero;
            }
            refreshing.PreemptExpiryTime = third > TimeSpan.Zero && preempt > third ? third : preempt;
            refreshing.ExpirationBuffer = third > TimeSpan.Zero && buffer > TimeSpan.FromTicks(third.Ticks / 2) ? TimeSpan.FromTicks(third.Ticks / 2) : buffer;
        }

        /// <summary>One error for a credential source that cannot deliver: which profile, what kind, what to do.</summary>
        private static ConnectionException SourceFailed(string profileName, AWSCredentials? source, Exception error)
        {
            var prompt = Find<ConnectionException>(error);
            if (prompt != null)
            {
                return prompt;
            }
            var kind = KindOf(source);
            var missing = MissingAssembly(error);
            if (missing != null)
            {
                return new ConnectionException("CredentialSourceUnavailable",
                    $"The AWS profile '{profileName}' needs {missing}.dll, which CancelJobs ships in its dependencies folder but could not load. Reinstall the CancelJobs module.", error);
            }
            var service = Find<AmazonServiceException>(error);
            var cause = service != null && !string.IsNullOrEmpty(service.ErrorCode) ? $"{service.ErrorCode}: {service.Message}" : Innermost(error).Message;
            cause = Secrets.Redact(cause.Trim().TrimEnd('.').Trim());
            if (source is SSOAWSCredentials || (source == null && cause.IndexOf("SSO", StringComparison.Ordinal) >= 0))
            {
                return new ConnectionException("SsoLoginRequired",
                    $"The AWS profile '{profileName}' signs in through IAM Identity Center (SSO), and its login is missing, expired or was refused ({cause}). Run 'aws sso login --profile {profileName}' and try again.", error);
            }
            var advice = source switch
            {
                ProcessAWSCredentials _ => $"Run the profile's credential_process command by hand to see why it fails.",
                AssumeRoleWithWebIdentityCredentials _ => "Check that the web identity token file is current and that the role trusts its identity provider.",
                AssumeRoleAWSCredentials _ => "Check that the source credentials may assume the role (its trust policy) and, with mfa_serial, the MFA code.",
                _ when kind == "container credentials" => "Check AWS_CONTAINER_CREDENTIALS_FULL_URI (or _RELATIVE_URI) and AWS_CONTAINER_AUTHORIZATION_TOKEN.",
                _ => "Check the profile's settings with 'aws configure list --profile " + profileName + "'.",
            };
            return new ConnectionException("CredentialSourceFailed",
                $"Could not get credentials for the AWS profile '{profileName}' from its {kind} ({cause}). {advice}", error);
        }

        /// <summary>A person's name for the kind of credential source (never an SDK type name).</summary>
        private static string KindOf(AWSCredentials? source)
        {
            switch (source)
            {
                case SSOAWSCredentials _: return "IAM Identity Center (SSO) login";
                case ProcessAWSCredentials _: return "credential_process";
                case AssumeRoleWithWebIdentityCredentials _: return "web identity role (web_identity_token_file / AWS_WEB_IDENTITY_TOKEN_FILE)";
                case AssumeRoleAWSCredentials _: return "assumed role (role_arn)";
                case null: return "credential settings";
            }
            var name = source.GetType().Name;
            return name.IndexOf("Container", StringComparison.Ordinal) >= 0 || name.IndexOf("ECS", StringComparison.Ordinal) >= 0 ? "container credentials"
                : name.IndexOf("InstanceProfile", StringComparison.Ordinal) >= 0 ? "instance profile"
                : "credentials";
        }

        /// <summary>The sign-in assembly Core failed to load (AWSSDK.SecurityToken, AWSSDK.SSO, AWSSDK.SSOOIDC), else null.</summary>
        private static string? MissingAssembly(Exception error)
        {
            for (var current = error; current != null; current = current.InnerException)
            {
                foreach (var assembly in new[] { "AWSSDK.SecurityToken", "AWSSDK.SSOOIDC", "AWSSDK.SSO" })
                {
                    if ((current is System.IO.FileNotFoundException || current.Message.IndexOf("could not be found", StringComparison.OrdinalIgnoreCase) >= 0
                            || current.Message.IndexOf("could not load", StringComparison.OrdinalIgnoreCase) >= 0)
                        && current.Message.IndexOf(assembly, StringComparison.Ordinal) >= 0)
                    {
                        return assembly;
                    }
                }
            }
            return null;
        }

        private static T? Find<T>(Exception error) where T : Exception
        {
            for (var current = error; current != null; current = current.InnerException)
            {
                if (current is T found)
                {
                    return found;
                }
            }
            return null;
        }

        private static Exception Innermost(Exception error)
        {
            while (error.InnerException != null)
            {
                error = error.InnerException;
            }
            return error;
        }

        private static string? EnvironmentProfile()
        {
            var name = Environment.GetEnvironmentVariable("AWS_PROFILE");
            return string.IsNullOrEmpty(name) ? null : name;
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
                // Core caches the first region it finds for the process; this invocation's environment and files count.
                FallbackRegionFactory.Reset();
                return FallbackRegionFactory.GetRegionEndpoint(includeInstanceMetadata)?.SystemName;
            }
            catch (AmazonClientException)
            {
                return null;
            }
        }
    }
}
