using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;
using Amazon.Runtime.Credentials;
using CancelJobs.Engine.Aws;
using CancelJobs.Engine.Aws.CoreAdapter;
using CancelJobs.Engine.Errors;
using CancelJobs.Engine.Validation;

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
        private readonly ResendPolicy resend;

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
        /// <param name="resend">How every client this factory builds sends throttled requests again (the command's settings).</param>
        public ClientFactory(Func<string, string>? mfaCodePrompt = null, ResendPolicy? resend = null)
        {
            this.mfaCodePrompt = mfaCodePrompt;
            this.resend = resend ?? ResendPolicy.Default;
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

        /// <summary>
        /// Region, endpoint and the kind of credentials for a connection, and where each came from, resolved locally:
        /// no STS, SSO or service call (only the instance-metadata region probe, when nothing else names a region and
        /// no endpoint is given, as in a real run). -WhatIf uses this; <see cref="GetClient"/> builds on it.
        /// </summary>
        public ConnectionPlace Locate(AwsService service, AwsConnection connection) =>
            places.GetOrAdd((service, connection), key => new Lazy<ConnectionPlace>(() => Resolve(key.Item1, key.Item2))).Value;

        private readonly ConcurrentDictionary<(AwsService, AwsConnection), Lazy<ConnectionPlace>> places =
            new ConcurrentDictionary<(AwsService, AwsConnection), Lazy<ConnectionPlace>>();

        private AwsServiceClient Build(AwsService service, AwsConnection connection)
        {
            var place = Locate(service, connection);
            var config = place.Config;
            var resolved = credentials.GetOrAdd(connection, key => new Lazy<AWSCredentials>(() => ResolveCredentials(key, config, place.Profiles))).Value;
            return new AwsServiceClient(service, resolved, config, resend);
        }

        private ConnectionPlace Resolve(AwsService service, AwsConnection connection)
        {
            var config = new ServiceClientConfig(service);

            var profiles = new CredentialProfileStoreChain(connection.ProfileLocation);
            var hasExplicitCredentials = connection.Credentials != null || connection.AccessKey != null || connection.SecretKey != null;
            // The profile settings come from, as Core picks it: -ProfileName, else AWS_PROFILE, else "default". A profile that
            // is named and does not exist fails first, whatever else is missing: -ProfileName always; AWS_PROFILE when the
            // command relies on it (no explicit keys, or no region given).
            var environmentProfile = EnvironmentProfile();
            var profileName = connection.ProfileName ?? environmentProfile ?? "default";
            var profileSource = connection.ProfileName != null ? connection.CredentialsFrom ?? Errors.Mention.ProfileName : environmentProfile != null ? "AWS_PROFILE" : "default";
            CredentialProfile? profile = profiles.TryGetProfile(profileName, out var found) ? found : null;
            if (profile == null)
            {
                var reliedOn = connection.ProfileName != null
                    || (environmentProfile != null && (!hasExplicitCredentials || (connection.Region == null && EnvironmentRegion() == null)));
                if (reliedOn)
                {
                    throw ProfileNotFound(profileName, profileSource, connection.ProfileLocation);
                }
            }
            if (connection.ProfileName != null)
            {
                // Core reads endpoint_url and other settings from config.Profile (else from AWS_PROFILE/default).
                config.Profile = new Profile(connection.ProfileName, connection.ProfileLocation);
            }
            // The profile whose credentials sign, when no keys are given (for -Verbose; Core resolves them).
            var credentialsProfile = hasExplicitCredentials ? null : connection.ProfileName ?? environmentProfile;
            var settingsProfile = profile == null ? null : $"profile {profile.Name}";

            if (!hasExplicitCredentials)
            {
                // Core's own STS and IAM Identity Center clients read these: checked here, so a bad one is InvalidEndpointUrl
                // naming it, not a raw exception from inside a credential source.
                foreach (var variable in new[] { "AWS_ENDPOINT_URL_STS", "AWS_ENDPOINT_URL_SSO", "AWS_ENDPOINT_URL_SSO_OIDC" })
                {
                    if (Environment.GetEnvironmentVariable(variable) is { Length: > 0 } signInUrl)
                    {
                        Secrets.RegisterUrlUserInfo(signInUrl);
                        CheckedEndpoint(signInUrl, variable);
                    }
                }
            }
            var (endpointUrl, endpointSource) = ConfiguredEndpoint(service, connection, config, profile, settingsProfile);
            var endpoint = endpointUrl == null ? null : CheckedEndpoint(endpointUrl, endpointSource!);

            // Parameters, then environment, then the profile; instance metadata only for AWS's own endpoints, so a
            // local endpoint never waits on a metadata probe that cannot answer. Only a loopback endpoint (the
            // emulator) may go without: any other custom endpoint is regional, and guessing would sign for the wrong one.
            string? region;
            string regionSource;
            if (connection.Region != null)
            {
                (region, regionSource) = (connection.Region, connection.RegionFrom ?? Errors.Mention.Region);
            }
            else if (EnvironmentRegion() is { } environmentRegion)
            {
                (region, regionSource) = (environmentRegion, string.IsNullOrEmpty(Environment.GetEnvironmentVariable("AWS_REGION")) ? "AWS_DEFAULT_REGION" : "AWS_REGION");
            }
            else if (profile?.Region?.SystemName is { } profileRegion)
            {
                (region, regionSource) = (profileRegion, settingsProfile!);
            }
            else if (FallbackRegion(includeInstanceMetadata: endpoint == null) is { } fallback)
            {
                (region, regionSource) = (fallback, "instance metadata");
            }
            else if (endpoint != null && endpoint.IsLoopback)
            {
                (region, regionSource) = (EndpointDefaultRegion, "the default for a loopback endpoint");
            }
            else
            {
                throw new ConnectionException(ErrorIds.NoRegion,
                    (endpoint != null ? $"The endpoint {Secrets.RedactUrl(endpointUrl!)} needs a region to sign for, and none is set. " : "No AWS region is set. ")
                    + $"Pass {Errors.Mention.Region} (for example {Errors.Mention.Region} us-east-1), set a session default with AWS Tools' Set-DefaultAWSRegion ($StoredAWSRegion), set the AWS_REGION environment variable, or set 'region' in your AWS config profile.");
            }
            if (!AwsConnection.RegionPattern.IsMatch(region))
            {
                throw new ConnectionException(ErrorIds.InvalidRegion, $"'{region}' (from {regionSource}) is not an AWS region name such as us-east-1 or eu-west-2.");
            }

            // Setting RegionEndpoint clears ServiceURL, so the endpoint goes second.
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
            if (endpoint != null)
            {
                config.ServiceURL = AsSent(endpoint);
                // The URL says nothing about the region to sign for, and no host prefix may be added to it.
                config.AuthenticationRegion = region;
                config.DisableHostPrefixInjection = true;
            }

            return new ConnectionPlace(config, profiles, region, regionSource, endpoint, endpointSource,
                DescribeCredentials(connection, credentialsProfile, profileSource, profile?.Name == credentialsProfile ? profile : null));
        }

        /// <summary>
        /// The endpoint URL that applies and where it came from: -EndpointUrl (or the piped object's), else what Core reads
        /// from AWS_ENDPOINT_URL_&lt;SERVICE&gt;, AWS_ENDPOINT_URL and the profile. Each is checked before Core parses it,
        /// so a bad value is InvalidEndpointUrl naming its source, never Core's raw exception echoing the URL.
        /// </summary>
        private static (string? Url, string? Source) ConfiguredEndpoint(AwsService service, AwsConnection connection, ServiceClientConfig config,
            CredentialProfile? profile, string? settingsProfile)
        {
            if (connection.RawEndpointUrl != null)
            {
                return (connection.RawEndpointUrl, connection.EndpointFrom ?? Errors.Mention.EndpointUrl);
            }
            if (IsTrue(Environment.GetEnvironmentVariable("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS")) || profile?.IgnoreConfiguredEndpointUrls == true)
            {
                return (null, null);
            }
            var serviceVariable = "AWS_ENDPOINT_URL_" + service.ServiceId.ToUpperInvariant().Replace(' ', '_');
            var candidates = new (string? Url, string Source)[]
            {
                (Environment.GetEnvironmentVariable(serviceVariable), serviceVariable),
                (Environment.GetEnvironmentVariable("AWS_ENDPOINT_URL"), "AWS_ENDPOINT_URL"),
                (profile?.EndpointUrl, $"endpoint_url of {settingsProfile}"),
            };
            foreach (var (url, source) in candidates)
            {
                if (!string.IsNullOrEmpty(url))
                {
                    Secrets.RegisterUrlUserInfo(url);
                    CheckedEndpoint(url!, source);
                    string? fromCore;
                    try
                    {
                        fromCore = config.ServiceURL;
                    }
                    catch (Exception error)
                    {
                        throw new ConnectionException(ErrorIds.InvalidEndpointUrl, $"{source} '{Secrets.RedactUrl(url)}' is not a usable endpoint URL ({Secrets.Redact(error.Message)}).");
                    }
                    return string.IsNullOrEmpty(fromCore) || string.Equals(fromCore!.TrimEnd('/'), url!.TrimEnd('/'), StringComparison.Ordinal)
                        ? (url, source)
                        : (fromCore, GenericEndpointSource);
                }
            }
            // What only Core reads (a profile's services section).
            string? configured;
            try
            {
                configured = config.ServiceURL;
            }
            catch (Exception error)
            {
                throw new ConnectionException(ErrorIds.InvalidEndpointUrl, $"The endpoint from {GenericEndpointSource} is not a usable endpoint URL ({Secrets.Redact(error.Message)}).");
            }
            return string.IsNullOrEmpty(configured) ? (null, null) : (configured, GenericEndpointSource);
        }

        private const string GenericEndpointSource = "AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_<SERVICE> or the profile's endpoint_url";

        /// <summary>The endpoint as sent and signed: no trailing '/', so Core neither doubles nor drops a slash before the operation's path.</summary>
        internal static string AsSent(Uri endpoint) => endpoint.GetLeftPart(UriPartial.Authority) + endpoint.AbsolutePath.TrimEnd('/');

        private static bool IsTrue(string? value) => string.Equals(value?.Trim(), "true", StringComparison.OrdinalIgnoreCase);

        /// <summary>
        /// An endpoint URL is scheme (http or https), host, optional port and optional path; anything else (user info,
        /// query, fragment, whitespace, '.' or '..' segments, an invalid port) is refused, whatever its source. The URL
        /// returned is what is both sent and signed: its path without a trailing '/'.
        /// </summary>
        internal static Uri CheckedEndpoint(string endpointUrl, string source)
        {
            var reason = EndpointProblem(endpointUrl, out var uri);
            if (reason != null)
            {
                throw new ConnectionException(ErrorIds.InvalidEndpointUrl,
                    $"{source} '{IdentifierEscape(Secrets.RedactUrl(endpointUrl)!)}' is not a usable endpoint URL: {reason}. An endpoint URL is a scheme, host, "
                    + "optional port and optional path and nothing else, for example http://127.0.0.1:4566 or https://iot.eu-west-1.amazonaws.com.");
            }
            return uri!;
        }

        private static string IdentifierEscape(string text) => Validation.IdentifierText.Escape(text);

        private static string? EndpointProblem(string text, out Uri? uri)
        {
            uri = null;
            if (text.Length == 0)
            {
                return "it is empty";
            }
            foreach (var character in text)
            {
                if (char.IsWhiteSpace(character) || char.IsControl(character))
                {
                    return "it contains whitespace or a control character";
                }
            }
            var schemeEnd = text.IndexOf("://", StringComparison.Ordinal);
            if (schemeEnd < 0)
            {
                return text.IndexOf('@') >= 0 ? "it has user info (user:password@) and no scheme" : "it has no http:// or https:// scheme";
            }
            var scheme = text.Substring(0, schemeEnd);
            if (!string.Equals(scheme, "http", StringComparison.OrdinalIgnoreCase) && !string.Equals(scheme, "https", StringComparison.OrdinalIgnoreCase))
            {
                return $"its scheme is not http or https";
            }
            var rest = text.Substring(schemeEnd + 3);
            var pathStart = rest.IndexOf('/');
            var authority = pathStart < 0 ? rest : rest.Substring(0, pathStart);
            var path = pathStart < 0 ? "" : rest.Substring(pathStart);
            if (authority.IndexOf('@') >= 0 || (path.IndexOf('@') >= 0 && text.LastIndexOf('@') > schemeEnd))
            {
                return "it has user info (user:password@)";
            }
            if (text.IndexOf('?') >= 0)
            {
                return "it has a query (?…)";
            }
            if (text.IndexOf('#') >= 0)
            {
                return "it has a fragment (#…)";
            }
            if (authority.Length == 0)
            {
                return "it has no host";
            }
            if (!Uri.TryCreate(text, UriKind.Absolute, out var parsed) || string.IsNullOrEmpty(parsed.Host))
            {
                return authority.IndexOf(':') >= 0 && !authority.StartsWith("[", StringComparison.Ordinal) || authority.EndsWith("]", StringComparison.Ordinal) == false && authority.IndexOf("]:", StringComparison.Ordinal) >= 0
                    ? "its host or port is not valid (a port is 1 to 65535)"
                    : "it is not a valid URL";
            }
            if (parsed.Port <= 0 || parsed.Port > 65535)
            {
                return "its port is not valid (a port is 1 to 65535)";
            }
            var segments = path.TrimEnd('/').Split('/');
            for (var i = 1; i < segments.Length; i++)
            {
                var segment = Uri.UnescapeDataString(segments[i]);
                if (segment == "." || segment == "..")
                {
                    return "its path has a '.' or '..' segment";
                }
                if (segment.Length == 0)
                {
                    return "its path has an empty segment (//)";
                }
            }
            var trimmedPath = path.TrimEnd('/');
            uri = new Uri(parsed.GetLeftPart(UriPartial.Authority) + trimmedPath, UriKind.Absolute);
            return null;
        }

        /// <summary>ProfileNotFound: the name, where it came from, the names that do exist; never a command that would create the typo.</summary>
        private static ConnectionException ProfileNotFound(string name, string source, string? location)
        {
            var names = ProfileNames(location);
            var where = location != null ? location : "the shared config and credentials files";
            var existing = names.Count == 0 ? $"There are no profiles in {where}." : $"Profiles there: {string.Join(", ", names)}.";
            var nearest = Spelling.Nearest(name, names, Math.Max(2, name.Length / 3), ignoreCase: true);
            var hint = nearest != null ? $" Did you mean '{nearest}'?" : "";
            var fix = source == "AWS_PROFILE" ? $"Correct AWS_PROFILE, or pass {Errors.Mention.ProfileName} with a profile that exists" : $"Correct {source}";
            return new ConnectionException(ErrorIds.ProfileNotFound,
                $"The AWS profile '{name}' (from {source}) was not found in {where}. {existing}{hint} {fix}, or pass {Errors.Mention.ProfileLocation} with the file that has it.");
        }

        /// <summary>
        /// The profile names in the shared files: [name] in the credentials file (or -ProfileLocation), [profile name] and
        /// [default] in the config file. Read directly: Core's listing leaves out config-only profiles.
        /// </summary>
        private static List<string> ProfileNames(string? location)
        {
            var home = Environment.GetEnvironmentVariable("HOME") ?? Environment.GetEnvironmentVariable("USERPROFILE") ?? "";
            var credentialsFile = location ?? Environment.GetEnvironmentVariable("AWS_SHARED_CREDENTIALS_FILE") ?? System.IO.Path.Combine(home, ".aws", "credentials");
            var configFile = Environment.GetEnvironmentVariable("AWS_CONFIG_FILE") ?? System.IO.Path.Combine(home, ".aws", "config");
            var names = new List<string>();
            foreach (var (file, isConfig) in new[] { (credentialsFile, false), (configFile, true) })
            {
                try
                {
                    if (!System.IO.File.Exists(file))
                    {
                        continue;
                    }
                    foreach (var line in System.IO.File.ReadAllLines(file))
                    {
                        var trimmed = line.Trim();
                        if (!trimmed.StartsWith("[", StringComparison.Ordinal) || !trimmed.EndsWith("]", StringComparison.Ordinal))
                        {
                            continue;
                        }
                        var section = trimmed.Substring(1, trimmed.Length - 2).Trim();
                        if (isConfig && section.StartsWith("profile ", StringComparison.Ordinal))
                        {
                            names.Add(section.Substring("profile ".Length).Trim());
                        }
                        else if (!isConfig || section == "default")
                        {
                            names.Add(section);
                        }
                    }
                }
                catch (Exception)
                {
                    // An unreadable file lists nothing; the error still names the profile.
                }
            }
            return names.Distinct(StringComparer.Ordinal).OrderBy(name => name, StringComparer.Ordinal).ToList();
        }

        /// <summary>What will sign the requests and where that came from, without fetching anything.</summary>
        private static string DescribeCredentials(AwsConnection connection, string? profileName, string profileSource, CredentialProfile? profile)
        {
            var from = connection.CredentialsFrom;
            if (connection.Credentials != null)
            {
                return $"a credentials object (from {from ?? Errors.Mention.Credential})";
            }
            if (connection.AccessKey != null)
            {
                return $"access key {AwsConnection.MaskAccessKey(connection.AccessKey)}{(string.IsNullOrEmpty(connection.SessionToken) ? "" : " with a session token")} (from {from ?? Errors.Mention.AccessKey + " or " + Errors.Mention.Credential})";
            }
            if (profileName != null)
            {
                return ProfileKind(profile) is { } kind ? $"profile {profileName} ({kind}, from {profileSource})" : $"profile {profileName} (from {profileSource})";
            }
            if (Environment.GetEnvironmentVariable("AWS_ACCESS_KEY_ID") is { Length: > 0 } environmentKey)
            {
                return $"access key {AwsConnection.MaskAccessKey(environmentKey)} (from AWS_ACCESS_KEY_ID)";
            }
            return "the default credential chain (profile default, web identity, container or instance credentials)";
        }

        /// <summary>The kind of credentials a profile's settings describe, read from the file (nothing is fetched).</summary>
        private static string? ProfileKind(CredentialProfile? profile)
        {
            var options = profile?.Options;
            if (options == null)
            {
                return null;
            }
            return !string.IsNullOrEmpty(options.CredentialProcess) ? "credential_process"
                : !string.IsNullOrEmpty(options.WebIdentityTokenFile) ? "web identity role"
                : !string.IsNullOrEmpty(options.RoleArn) ? "assumed role" + (string.IsNullOrEmpty(options.MfaSerial) ? "" : " with MFA")
                : !string.IsNullOrEmpty(options.SsoSession) || !string.IsNullOrEmpty(options.SsoStartUrl) ? "IAM Identity Center (SSO)"
                : !string.IsNullOrEmpty(options.AccessKey) ? (string.IsNullOrEmpty(options.Token) ? "static keys" : "session keys")
                : null;
        }

        /// <summary>
        /// Builds the credentials and fetches them once now, so a failing source (a role that cannot be assumed, an
        /// expired SSO login, a credential_process that exits non-zero) is one clear error before any request.
        /// </summary>
        private AWSCredentials ResolveCredentials(AwsConnection connection, ServiceClientConfig config, CredentialProfileStoreChain profiles)
        {
            if (connection.Credentials != null)
            {
                return FromCredentialObject(connection.Credentials, connection.CredentialsFrom ?? Errors.Mention.Credential);
            }
            if (connection.AccessKey != null || connection.SecretKey != null)
            {
                if (string.IsNullOrEmpty(connection.AccessKey) || string.IsNullOrEmpty(connection.SecretKey))
                {
                    throw new ConnectionException(ErrorIds.IncompleteCredentials, $"{Errors.Mention.AccessKey} and {Errors.Mention.SecretKey} must be given together.");
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
                        throw new ConnectionException(ErrorIds.NoCredentials, $"The AWS profile '{connection.ProfileName}' has no usable credentials.");
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
                        throw ProfileNotFound(named, "AWS_PROFILE", connection.ProfileLocation);
                    }
                    throw new ConnectionException(ErrorIds.NoCredentials,
                        $"No AWS credentials were found. Pass {Errors.Mention.ProfileName}, {Errors.Mention.AccessKey}/{Errors.Mention.SecretKey} or {Errors.Mention.Credential}, set AWS_PROFILE or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, or run 'aws configure'.", error);
                }
            }

            if (built is AssumeRoleAWSCredentials assumeRole && !string.IsNullOrEmpty(assumeRole.Options?.MfaSerialNumber))
            {
                var serial = assumeRole.Options!.MfaSerialNumber;
                assumeRole.Options.MfaTokenCodeCallback = () => mfaCodePrompt != null
                    ? mfaCodePrompt(serial)
                    : throw new ConnectionException(ErrorIds.MfaCodeRequired, $"The AWS profile '{profileName}' assumes a role with the MFA device {serial}, and nothing here can ask for its code.");
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
                // What the source returned is known from now on: masked wherever a service, proxy or process echoes it.
                var fetched = built.GetCredentials();
                Secrets.Register(fetched?.SecretKey, fetched?.Token);
                if (built is SSOAWSCredentials)
                {
                    RegisterSsoCacheTokens();
                }
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
        /// The IAM Identity Center tokens Core read from ~/.aws/sso/cache (access, refresh, client secret): known secrets
        /// from now on, so a portal or proxy that echoes one is masked like any other.
        /// </summary>
        private static void RegisterSsoCacheTokens()
        {
            try
            {
                var home = Environment.GetEnvironmentVariable("HOME") ?? Environment.GetEnvironmentVariable("USERPROFILE") ?? "";
                var cache = System.IO.Path.Combine(home, ".aws", "sso", "cache");
                if (!System.IO.Directory.Exists(cache))
                {
                    return;
                }
                foreach (var file in System.IO.Directory.GetFiles(cache, "*.json"))
                {
                    using var document = System.Text.Json.JsonDocument.Parse(System.IO.File.ReadAllText(file));
                    if (document.RootElement.ValueKind != System.Text.Json.JsonValueKind.Object)
                    {
                        continue;
                    }
                    foreach (var name in new[] { "accessToken", "refreshToken", "clientSecret" })
                    {
                        if (document.RootElement.TryGetProperty(name, out var value) && value.ValueKind == System.Text.Json.JsonValueKind.String)
                        {
                            Secrets.Register(value.GetString());
                        }
                    }
                }
            }
            catch (Exception)
            {
                // A cache that cannot be read registers nothing; the name patterns still mask tokens under their names.
            }
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
                return new ConnectionException(ErrorIds.CredentialSourceUnavailable,
                    $"The AWS profile '{profileName}' needs {missing}.dll, which CancelJobs ships in its dependencies folder but could not load. Reinstall the CancelJobs module.", error);
            }
            var service = Find<AmazonServiceException>(error);
            var cause = service != null && !string.IsNullOrEmpty(service.ErrorCode) ? $"{service.ErrorCode}: {service.Message}" : Innermost(error).Message;
            cause = Secrets.Redact(cause.Trim().TrimEnd('.').Trim());
            if (source is SSOAWSCredentials || (source == null && cause.IndexOf("SSO", StringComparison.Ordinal) >= 0))
            {
                return new ConnectionException(ErrorIds.SsoLoginRequired,
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
            return new ConnectionException(ErrorIds.CredentialSourceFailed,
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

        private static AWSCredentials FromCredentialObject(object credentials, string source)
        {
            if (credentials is AWSCredentials ours)
            {
                try
                {
                    var fetched = ours.GetCredentials();
                    Secrets.Register(fetched?.SecretKey, fetched?.Token);
                }
                catch (Exception)
                {
                    // A refreshing object that cannot deliver now fails with its own error when Core signs.
                }
                return ours;
            }
            // An AWSCredentials from another AWSSDK.Core (e.g. AWS Tools' Get-AWSCredential): same shape, other type identity.
            object? immutable;
            try
            {
                immutable = credentials.GetType().GetMethod("GetCredentials", Type.EmptyTypes)?.Invoke(credentials, null);
            }
            catch (System.Reflection.TargetInvocationException error) when (error.InnerException != null)
            {
                // E.g. AWS Tools' stored SSO or role credentials whose session expired: say which object, and why.
                throw new ConnectionException(ErrorIds.CredentialSourceFailed,
                    $"The AWS credentials object from {source} could not deliver credentials: {Secrets.Redact(error.InnerException.Message)} "
                    + "Sign in again (for AWS Tools, Set-AWSCredential), or pass other credentials.");
            }
            string? Read(string name) => immutable?.GetType().GetProperty(name)?.GetValue(immutable) as string;
            var accessKey = Read("AccessKey");
            var secretKey = Read("SecretKey");
            if (string.IsNullOrEmpty(accessKey) || string.IsNullOrEmpty(secretKey))
            {
                throw new ConnectionException(ErrorIds.InvalidCredentialType,
                    $"{Errors.Mention.Credential} takes an AWSCredentials object or a PSCredential (access key as user name, secret key as password), not {credentials.GetType().FullName}.");
            }
            var token = Read("Token");
            Secrets.Register(secretKey, token);
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
